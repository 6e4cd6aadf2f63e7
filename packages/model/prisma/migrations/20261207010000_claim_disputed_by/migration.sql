-- Who denies a claim that the text makes contested: both parties of a contest are kept (claim_by claims it).
ALTER TABLE "events" ADD COLUMN "claim_disputed_by" TEXT;
