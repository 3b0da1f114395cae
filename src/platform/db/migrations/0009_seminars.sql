CREATE TABLE "seminars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb,
	"auto_invite_touch_models" text[] DEFAULT '{}' NOT NULL,
	"auto_invite_since" timestamp with time zone,
	"reminder_hours" integer DEFAULT 24 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seminar_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"seminar_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 60 NOT NULL,
	"online_url" text,
	"capacity" integer,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seminar_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"seminar_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid,
	"contact_email" text NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"responded_at" timestamp with time zone,
	"attended" boolean,
	"token_hash" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"invited_by" text,
	"reminder_queued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seminar_invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_sessions" ADD CONSTRAINT "seminar_sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_sessions" ADD CONSTRAINT "seminar_sessions_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_invitations" ADD CONSTRAINT "seminar_invitations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_invitations" ADD CONSTRAINT "seminar_invitations_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_invitations" ADD CONSTRAINT "seminar_invitations_session_id_seminar_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."seminar_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_invitations" ADD CONSTRAINT "seminar_invitations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_invitations" ADD CONSTRAINT "seminar_invitations_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_invitations" ADD CONSTRAINT "seminar_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seminars_ws_kind_idx" ON "seminars" USING btree ("workspace_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "seminar_sessions_seminar_starts_uq" ON "seminar_sessions" USING btree ("seminar_id","starts_at");--> statement-breakpoint
CREATE INDEX "seminar_sessions_ws_starts_idx" ON "seminar_sessions" USING btree ("workspace_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "seminar_invitations_session_email_uq" ON "seminar_invitations" USING btree ("session_id","contact_email");--> statement-breakpoint
CREATE INDEX "seminar_invitations_ws_seminar_idx" ON "seminar_invitations" USING btree ("workspace_id","seminar_id");--> statement-breakpoint
CREATE INDEX "seminar_invitations_ws_account_idx" ON "seminar_invitations" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "seminar_invitations_ws_invited_idx" ON "seminar_invitations" USING btree ("workspace_id","invited_at");--> statement-breakpoint
ALTER TABLE seminars ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON seminars USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE seminar_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON seminar_sessions USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE seminar_invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON seminar_invitations USING (workspace_id = embark_workspace_id());
