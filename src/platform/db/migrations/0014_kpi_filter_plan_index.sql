-- The KPI filters restrict accounts by plan, as by segment, touch model and owner (indexed alike).
CREATE INDEX "accounts_ws_plan_idx" ON "accounts" USING btree ("workspace_id","plan");
