-- AlterTable
ALTER TABLE `Reader` ADD COLUMN `kurinBotUserId` INTEGER NULL;

-- AlterTable
ALTER TABLE `Loan` ADD COLUMN `kurinBotLoanId` INTEGER NULL;

-- CreateIndex
CREATE UNIQUE INDEX `Reader_kurinBotUserId_key` ON `Reader`(`kurinBotUserId`);

-- CreateIndex
CREATE UNIQUE INDEX `Loan_kurinBotLoanId_key` ON `Loan`(`kurinBotLoanId`);
