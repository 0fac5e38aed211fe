-- CreateTable
CREATE TABLE `SheetWrite` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `loanId` INTEGER NOT NULL,
    `bookId` VARCHAR(64) NOT NULL,
    `transition` VARCHAR(32) NOT NULL,
    `fromWord` VARCHAR(191) NOT NULL,
    `toWord` VARCHAR(191) NOT NULL,
    `fromDueDate` VARCHAR(64) NULL,
    `toDueDate` VARCHAR(10) NULL,
    `undo` TEXT NULL,
    `state` ENUM('PENDING', 'DONE', 'UNDONE', 'REVERT') NOT NULL DEFAULT 'PENDING',
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `lastError` TEXT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `SheetWrite_state_createdAt_idx`(`state`, `createdAt`),
    INDEX `SheetWrite_loanId_idx`(`loanId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
