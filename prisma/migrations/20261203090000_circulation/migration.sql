-- AlterTable
ALTER TABLE `Loan` ADD COLUMN `renewals` INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE `Reader` ADD COLUMN `forgottenAt` DATETIME(3) NULL;

-- AlterTable
ALTER TABLE `Notification` MODIFY `kind` ENUM('BOOKED', 'DELIVERED', 'RETURNED', 'RETURN_CONFIRMED', 'CANCELLED', 'DUE_SOON', 'DUE_TODAY', 'OVERDUE', 'OVERDUE_SUMMARY', 'HOLD_READY') NOT NULL,
    MODIFY `sheetWriteId` INTEGER NULL,
    ADD COLUMN `round` INTEGER NULL,
    MODIFY `state` ENUM('PENDING', 'SENT', 'BLOCKED', 'SKIPPED') NOT NULL DEFAULT 'PENDING';

-- CreateIndex
CREATE UNIQUE INDEX `Notification_kind_loanId_round_recipientId_key` ON `Notification`(`kind`, `loanId`, `round`, `recipientId`);

-- CreateTable
CREATE TABLE `Hold` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `bookId` VARCHAR(64) NOT NULL,
    `readerId` INTEGER NOT NULL,
    `rank` INTEGER NOT NULL,
    `state` ENUM('WAITING', 'READY', 'FULFILLED', 'EXPIRED', 'CANCELLED') NOT NULL DEFAULT 'WAITING',
    `activeKey` VARCHAR(100) NULL,
    `loanId` INTEGER NULL,
    `readyAt` DATETIME(3) NULL,
    `expiresAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `Hold_activeKey_key`(`activeKey`),
    INDEX `Hold_bookId_state_rank_idx`(`bookId`, `state`, `rank`),
    INDEX `Hold_readerId_state_idx`(`readerId`, `state`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `Hold` ADD CONSTRAINT `Hold_readerId_fkey` FOREIGN KEY (`readerId`) REFERENCES `Reader`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
