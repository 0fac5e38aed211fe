-- CreateTable
CREATE TABLE `Reader` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `telegramId` BIGINT NOT NULL,
    `name` VARCHAR(191) NOT NULL,
    `username` VARCHAR(191) NULL,
    `languageCode` VARCHAR(16) NULL,
    `phone` VARCHAR(32) NULL,
    `role` ENUM('READER', 'LIBRARIAN', 'INTEGRATOR', 'BOT') NOT NULL DEFAULT 'READER',
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `Reader_telegramId_key`(`telegramId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Loan` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `bookId` VARCHAR(64) NOT NULL,
    `readerId` INTEGER NOT NULL,
    `openBookId` VARCHAR(64) NULL,
    `bookedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `deliveredAt` DATETIME(3) NULL,
    `pickedUpAt` DATETIME(3) NULL,
    `dueAt` DATETIME(3) NULL,
    `returnedAt` DATETIME(3) NULL,
    `returnPhotoFileId` VARCHAR(255) NULL,
    `confirmedAt` DATETIME(3) NULL,
    `cancelledAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `Loan_openBookId_key`(`openBookId`),
    INDEX `Loan_readerId_idx`(`readerId`),
    INDEX `Loan_bookId_idx`(`bookId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ApiToken` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(191) NOT NULL,
    `tokenHash` CHAR(64) NOT NULL,
    `role` ENUM('READER', 'LIBRARIAN', 'INTEGRATOR', 'BOT') NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `lastUsedAt` DATETIME(3) NULL,
    `revokedAt` DATETIME(3) NULL,

    UNIQUE INDEX `ApiToken_name_key`(`name`),
    UNIQUE INDEX `ApiToken_tokenHash_key`(`tokenHash`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `Loan` ADD CONSTRAINT `Loan_readerId_fkey` FOREIGN KEY (`readerId`) REFERENCES `Reader`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
