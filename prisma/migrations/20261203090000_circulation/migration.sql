-- AlterTable
ALTER TABLE `Loan` ADD COLUMN `renewals` INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE `Reader` ADD COLUMN `forgottenAt` DATETIME(3) NULL;

-- AlterTable
ALTER TABLE `Notification` MODIFY `kind` ENUM('BOOKED', 'DELIVERED', 'RETURNED', 'RETURN_CONFIRMED', 'CANCELLED', 'DUE_SOON', 'DUE_TODAY', 'OVERDUE', 'OVERDUE_SUMMARY') NOT NULL,
    MODIFY `sheetWriteId` INTEGER NULL,
    ADD COLUMN `round` INTEGER NULL,
    MODIFY `state` ENUM('PENDING', 'SENT', 'BLOCKED', 'SKIPPED') NOT NULL DEFAULT 'PENDING';

-- CreateIndex
CREATE UNIQUE INDEX `Notification_kind_loanId_round_recipientId_key` ON `Notification`(`kind`, `loanId`, `round`, `recipientId`);
