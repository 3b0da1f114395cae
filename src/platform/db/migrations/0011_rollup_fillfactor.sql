-- Rollup rows are updated in place as events arrive; free room on each page lets those updates stay
-- on the page (HOT) without new index entries.
ALTER TABLE account_event_stats SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE account_usage_days SET (fillfactor = 70);
