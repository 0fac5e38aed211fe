-- AlterTable
ALTER TABLE `Reader` ADD COLUMN `botBlockedAt` DATETIME(3) NULL;

-- CreateTable
CREATE TABLE `Notification` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `kind` ENUM('BOOKED', 'DELIVERED', 'RETURNED', 'RETURN_CONFIRMED', 'CANCELLED') NOT NULL,
    `sheetWriteId` INTEGER NOT NULL,
    `loanId` INTEGER NOT NULL,
    `bookId` VARCHAR(64) NOT NULL,
    `recipientId` INTEGER NOT NULL,
    `state` ENUM('PENDING', 'SENT', 'BLOCKED') NOT NULL DEFAULT 'PENDING',
    `claim` VARCHAR(64) NULL,
    `claimedUntil` DATETIME(3) NULL,
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `sentAt` DATETIME(3) NULL,

    INDEX `Notification_state_id_idx`(`state`, `id`),
    INDEX `Notification_recipientId_idx`(`recipientId`),
    UNIQUE INDEX `Notification_sheetWriteId_recipientId_key`(`sheetWriteId`, `recipientId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `Notification` ADD CONSTRAINT `Notification_recipientId_fkey` FOREIGN KEY (`recipientId`) REFERENCES `Reader`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
