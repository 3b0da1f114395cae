CREATE TABLE "kpi_alert_notices" (
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_alert_notices_workspace_id_key_pk" PRIMARY KEY("workspace_id","key")
);
--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kpi_id" text NOT NULL,
	"scope_dimension" text DEFAULT '' NOT NULL,
	"scope_value" text DEFAULT '' NOT NULL,
	"effective_from" date NOT NULL,
	"value" numeric NOT NULL,
	"warning_band" numeric DEFAULT 0 NOT NULL,
	"review_on" date NOT NULL,
	"note" text,
	"set_by_user_id" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_alert_notices" ADD CONSTRAINT "kpi_alert_notices_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_set_by_user_id_users_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_targets_ws_kpi_scope_from_uq" ON "kpi_targets" USING btree ("workspace_id","kpi_id","scope_dimension","scope_value","effective_from");--> statement-breakpoint
ALTER TABLE kpi_targets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON kpi_targets USING (workspace_id = embark_workspace_id());
--> statement-breakpoint
ALTER TABLE kpi_alert_notices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON kpi_alert_notices USING (workspace_id = embark_workspace_id());
