CREATE TABLE "information_sequences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"touch_models" text[] DEFAULT '{}' NOT NULL,
	"segments" text[] DEFAULT '{}' NOT NULL,
	"contact_roles" text[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"activated_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "information_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sequence_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"day_offset" integer NOT NULL,
	"category" text NOT NULL,
	"subject" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "information_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sequence_id" uuid NOT NULL,
	"onboarding_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone,
	"stop_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "information_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"mail_id" uuid,
	"locale" text NOT NULL,
	"send_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "information_sequences" ADD CONSTRAINT "information_sequences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_sequences" ADD CONSTRAINT "information_sequences_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_steps" ADD CONSTRAINT "information_steps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_steps" ADD CONSTRAINT "information_steps_sequence_id_information_sequences_id_fk" FOREIGN KEY ("sequence_id") REFERENCES "public"."information_sequences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_enrolments" ADD CONSTRAINT "information_enrolments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_enrolments" ADD CONSTRAINT "information_enrolments_sequence_id_information_sequences_id_fk" FOREIGN KEY ("sequence_id") REFERENCES "public"."information_sequences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_enrolments" ADD CONSTRAINT "information_enrolments_onboarding_id_onboardings_id_fk" FOREIGN KEY ("onboarding_id") REFERENCES "public"."onboardings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_enrolments" ADD CONSTRAINT "information_enrolments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_sends" ADD CONSTRAINT "information_sends_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_sends" ADD CONSTRAINT "information_sends_enrolment_id_information_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."information_enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_sends" ADD CONSTRAINT "information_sends_step_id_information_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."information_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_sends" ADD CONSTRAINT "information_sends_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "information_sequences_ws_active_idx" ON "information_sequences" USING btree ("workspace_id","active");--> statement-breakpoint
CREATE INDEX "information_steps_ws_sequence_idx" ON "information_steps" USING btree ("workspace_id","sequence_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "information_enrolments_sequence_onboarding_uq" ON "information_enrolments" USING btree ("sequence_id","onboarding_id");--> statement-breakpoint
CREATE INDEX "information_enrolments_ws_sequence_idx" ON "information_enrolments" USING btree ("workspace_id","sequence_id");--> statement-breakpoint
CREATE INDEX "information_enrolments_ws_account_idx" ON "information_enrolments" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "information_sends_enrolment_step_contact_uq" ON "information_sends" USING btree ("enrolment_id","step_id","contact_id");--> statement-breakpoint
CREATE INDEX "information_sends_ws_enrolment_idx" ON "information_sends" USING btree ("workspace_id","enrolment_id");
--> statement-breakpoint
ALTER TABLE information_sequences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON information_sequences USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE information_steps ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON information_steps USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE information_enrolments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON information_enrolments USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE information_sends ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON information_sends USING (workspace_id = embark_workspace_id());
