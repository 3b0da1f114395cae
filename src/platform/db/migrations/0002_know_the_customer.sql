CREATE TABLE "hearing_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hearing_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"questions" jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"meeting_type" text,
	"title" text,
	"body" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"actor_label" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "touch_model_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"from_model" text,
	"to_model" text NOT NULL,
	"source" text NOT NULL,
	"reason" text NOT NULL,
	"actor_user_id" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "department" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "challenges" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "adoption_purpose" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "expected_outcomes" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "it_literacy" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "skill_notes" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "lessons" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "similar_account_ids" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "handoff_completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "handoff_completed_by" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "segment" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "segment_rule" integer;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "touch_model" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "touch_model_source" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "usage_frequency" text;--> statement-breakpoint
ALTER TABLE "hearing_sheets" ADD CONSTRAINT "hearing_sheets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_sheets" ADD CONSTRAINT "hearing_sheets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_sheets" ADD CONSTRAINT "hearing_sheets_template_id_hearing_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."hearing_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_templates" ADD CONSTRAINT "hearing_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_versions" ADD CONSTRAINT "rule_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_versions" ADD CONSTRAINT "rule_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touch_model_changes" ADD CONSTRAINT "touch_model_changes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touch_model_changes" ADD CONSTRAINT "touch_model_changes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touch_model_changes" ADD CONSTRAINT "touch_model_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hearing_sheets_account_template_uq" ON "hearing_sheets" USING btree ("workspace_id","account_id","template_id");--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_ws_kind_name_uq" ON "import_mappings" USING btree ("workspace_id","kind","name");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_versions_ws_kind_version_uq" ON "rule_versions" USING btree ("workspace_id","kind","version");--> statement-breakpoint
CREATE INDEX "timeline_ws_account_idx" ON "timeline_entries" USING btree ("workspace_id","account_id","occurred_at");--> statement-breakpoint
CREATE INDEX "touch_model_changes_ws_account_idx" ON "touch_model_changes" USING btree ("workspace_id","account_id","changed_at");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_handoff_completed_by_users_id_fk" FOREIGN KEY ("handoff_completed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_ws_segment_idx" ON "accounts" USING btree ("workspace_id","segment");--> statement-breakpoint
CREATE INDEX "accounts_ws_touch_idx" ON "accounts" USING btree ("workspace_id","touch_model");--> statement-breakpoint
CREATE INDEX "accounts_ws_phase_idx" ON "accounts" USING btree ("workspace_id","lifecycle_phase");--> statement-breakpoint
ALTER TABLE timeline_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON timeline_entries USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE hearing_templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON hearing_templates USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE hearing_sheets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON hearing_sheets USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE rule_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON rule_versions USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE touch_model_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON touch_model_changes USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE import_mappings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON import_mappings USING (workspace_id = embark_workspace_id());
