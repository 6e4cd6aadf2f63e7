-- A region an article names is either where one of its events happened ('event') or only named ('mention': the home
-- of victims, where a missile was launched from, a capital standing for its government). Counts by region count
-- event regions only; the article page shows both. Rows stored before this migration were all counted: 'event'.
CREATE TYPE "RegionRole" AS ENUM ('event', 'mention');
ALTER TABLE "article_regions" ADD COLUMN "role" "RegionRole" NOT NULL DEFAULT 'event';
