CREATE TABLE "account_event_stats" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"event" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "account_event_stats_workspace_id_account_id_event_pk" PRIMARY KEY("workspace_id","account_id","event")
);
--> statement-breakpoint
CREATE TABLE "account_usage_days" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"events" integer NOT NULL,
	"active_users" integer NOT NULL,
	CONSTRAINT "account_usage_days_workspace_id_account_id_day_pk" PRIMARY KEY("workspace_id","account_id","day")
);
--> statement-breakpoint
CREATE TABLE "account_user_days" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"user_key" text NOT NULL,
	CONSTRAINT "account_user_days_workspace_id_account_id_day_user_key_pk" PRIMARY KEY("workspace_id","account_id","day","user_key")
);
--> statement-breakpoint
CREATE TABLE "event_rejections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL,
	"message_id" text,
	"type" text
);
--> statement-breakpoint
CREATE TABLE "event_users" (
	"workspace_id" uuid NOT NULL,
	"user_key" text NOT NULL,
	"group_id" text,
	"grouped_at" timestamp with time zone,
	"alias_of" text,
	CONSTRAINT "event_users_workspace_id_user_key_pk" PRIMARY KEY("workspace_id","user_key")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"workspace_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"type" text NOT NULL,
	"event" text,
	"user_id" text,
	"anonymous_id" text,
	"group_id" text,
	"account_id" uuid,
	"timestamp" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"message" jsonb NOT NULL,
	CONSTRAINT "events_workspace_id_message_id_pk" PRIMARY KEY("workspace_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "ungrouped_users" (
	"workspace_id" uuid NOT NULL,
	"user_key" text NOT NULL,
	CONSTRAINT "ungrouped_users_workspace_id_user_key_pk" PRIMARY KEY("workspace_id","user_key")
);
--> statement-breakpoint
CREATE TABLE "unmatched_groups" (
	"workspace_id" uuid NOT NULL,
	"group_id" text NOT NULL,
	"name" text,
	"events" bigint NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "unmatched_groups_workspace_id_group_id_pk" PRIMARY KEY("workspace_id","group_id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_rejections" ADD CONSTRAINT "event_rejections_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_users" ADD CONSTRAINT "event_users_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ungrouped_users" ADD CONSTRAINT "ungrouped_users_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmatched_groups" ADD CONSTRAINT "unmatched_groups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_rejections_ws_received_idx" ON "event_rejections" USING btree ("workspace_id","received_at");--> statement-breakpoint
CREATE INDEX "events_ws_received_idx" ON "events" USING btree ("workspace_id","received_at");--> statement-breakpoint
CREATE INDEX "events_unmatched_group_idx" ON "events" USING btree ("workspace_id","group_id") WHERE "events"."account_id" is null and "events"."group_id" is not null;--> statement-breakpoint
CREATE INDEX "events_ungrouped_user_idx" ON "events" USING btree ("workspace_id",coalesce("user_id", "anonymous_id")) WHERE "events"."group_id" is null;--> statement-breakpoint
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON events USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE account_event_stats ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON account_event_stats USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE account_usage_days ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON account_usage_days USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE account_user_days ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON account_user_days USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE event_users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON event_users USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE ungrouped_users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON ungrouped_users USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE unmatched_groups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON unmatched_groups USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE event_rejections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON event_rejections USING (workspace_id = embark_workspace_id());
