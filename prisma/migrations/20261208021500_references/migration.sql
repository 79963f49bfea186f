-- CreateEnum
CREATE TYPE "ReferenceStatus" AS ENUM ('processing', 'ready', 'failed');

-- CreateTable
CREATE TABLE "reference_categories" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reference_categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "references" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "category_id" UUID,
    "name" VARCHAR(200) NOT NULL,
    "image_key" TEXT NOT NULL,
    "thumbnail_key" TEXT,
    "profile" JSONB,
    "position" INTEGER NOT NULL,
    "status" "ReferenceStatus" NOT NULL DEFAULT 'processing',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "references_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reference_categories_user_id_position_idx" ON "reference_categories"("user_id", "position");

-- CreateIndex
CREATE INDEX "references_user_id_position_idx" ON "references"("user_id", "position");

-- CreateIndex
CREATE INDEX "references_user_id_category_id_idx" ON "references"("user_id", "category_id");

-- AddForeignKey
ALTER TABLE "reference_categories" ADD CONSTRAINT "reference_categories_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "references" ADD CONSTRAINT "references_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "references" ADD CONSTRAINT "references_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "reference_categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

