CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"intro" jsonb DEFAULT '{"ja":"","en":""}'::jsonb NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"close_after_days" integer DEFAULT 14 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_triggers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"days" integer,
	"segments" text[] DEFAULT '{}' NOT NULL,
	"touch_models" text[] DEFAULT '{}' NOT NULL,
	"roles" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"onboarding_id" uuid,
	"trigger_id" uuid,
	"token_hash" text NOT NULL,
	"source" text NOT NULL,
	"sent_by" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	CONSTRAINT "survey_sends_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"survey_id" uuid,
	"send_id" uuid,
	"kind" text NOT NULL,
	"score" integer,
	"comment" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid,
	"contact_email" text,
	"source" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detractor_handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_send_id_survey_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."survey_sends"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_onboarding_id_onboardings_id_fk" FOREIGN KEY ("onboarding_id") REFERENCES "public"."onboardings"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_trigger_id_survey_triggers_id_fk" FOREIGN KEY ("trigger_id") REFERENCES "public"."survey_triggers"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_triggers" ADD CONSTRAINT "survey_triggers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "survey_triggers" ADD CONSTRAINT "survey_triggers_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_send_uq" ON "survey_responses" USING btree ("send_id");
--> statement-breakpoint
CREATE INDEX "survey_responses_ws_answered_idx" ON "survey_responses" USING btree ("workspace_id","kind","answered_at");
--> statement-breakpoint
CREATE INDEX "survey_responses_ws_account_idx" ON "survey_responses" USING btree ("workspace_id","account_id","answered_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_import_uq" ON "survey_responses" USING btree ("workspace_id","kind","account_id",coalesce("contact_email", ''),"answered_at") WHERE "survey_responses"."source" = 'import';
--> statement-breakpoint
CREATE INDEX "survey_sends_ws_survey_idx" ON "survey_sends" USING btree ("workspace_id","survey_id","sent_at");
--> statement-breakpoint
CREATE INDEX "survey_sends_ws_account_idx" ON "survey_sends" USING btree ("workspace_id","account_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_sends_trigger_onboarding_contact_uq" ON "survey_sends" USING btree ("trigger_id","onboarding_id","contact_id");
--> statement-breakpoint
CREATE INDEX "survey_triggers_ws_survey_idx" ON "survey_triggers" USING btree ("workspace_id","survey_id");
--> statement-breakpoint
CREATE INDEX "surveys_ws_idx" ON "surveys" USING btree ("workspace_id","created_at");
--> statement-breakpoint
ALTER TABLE surveys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON surveys USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE survey_triggers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON survey_triggers USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE survey_sends ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON survey_sends USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE survey_responses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON survey_responses USING (workspace_id = embark_workspace_id());
