CREATE TABLE "inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"external_id" text,
	"dedupe_key" text NOT NULL,
	"channel" text,
	"subject" text,
	"body" text,
	"opened_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"source" text DEFAULT 'import' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inquiries_ws_dedupe_uq" ON "inquiries" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "inquiries_ws_opened_idx" ON "inquiries" USING btree ("workspace_id","opened_at");--> statement-breakpoint
CREATE INDEX "inquiries_ws_account_idx" ON "inquiries" USING btree ("workspace_id","account_id","opened_at");--> statement-breakpoint
CREATE INDEX "accounts_ws_churned_idx" ON "accounts" USING btree ("workspace_id","churned_at");--> statement-breakpoint
ALTER TABLE inquiries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_isolation ON inquiries USING (workspace_id = embark_workspace_id());
