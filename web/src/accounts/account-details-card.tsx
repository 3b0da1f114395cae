import { Card, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import type { Account } from "../platform/types";
import { SegmentBadge } from "../segmentation/segment-badge";
import { PhaseBadge, PlanBadge, TouchModelBadge } from "./account-badges";

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <Stack gap={2} style={wide ? { gridColumn: "1 / -1" } : undefined}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </Stack>
  );
}

export function AccountDetailsCard({ account: a }: { account: Account | undefined }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Card withBorder radius="md" padding="md" h="100%" data-testid="account-details">
      <Title order={2} size="h5" mb="md">
        {t("account.details")}
      </Title>
      {!a ? (
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md">
          {Array.from({ length: 9 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
            <Skeleton key={i} height={36} />
          ))}
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md" verticalSpacing="md">
          <Field label={t("account.externalId")}>{a.externalId}</Field>
          <Field label={t("account.groupId")}>{a.groupId ?? "—"}</Field>
          <Field label={t("account.industry")}>{a.industry ?? "—"}</Field>
          <Field label={t("account.employees")}>
            {a.employees === null ? "—" : t("account.employeesValue", { value: f.number(a.employees) })}
          </Field>
          <Field label={t("account.annualRevenue")}>{f.yen(a.annualRevenue)}</Field>
          <Field label={t("account.plan")}>
            <PlanBadge plan={a.plan} />
          </Field>
          <Field label={t("account.contractStart")}>{f.date(a.contractStart)}</Field>
          <Field label={t("account.contractValue")}>{f.yen(a.contractValue)}</Field>
          <Field label={t("account.owner")}>{a.owner ? a.owner.name : t("account.noOwner")}</Field>
          <Field label={t("account.backupOwner")}>
            {a.backupOwner ? a.backupOwner.name : t("account.noOwner")}
          </Field>
          <Field label={t("account.segment")}>
            <SegmentBadge segment={a.segment} />
          </Field>
          <Field label={t("account.touchModel")}>
            <TouchModelBadge model={a.touchModel} overridden={a.touchModelSource === "override"} />
          </Field>
          <Field label={t("account.usageFrequency")}>
            {a.usageFrequency
              ? t(`usageFrequencies.${a.usageFrequency}`, { defaultValue: a.usageFrequency })
              : "—"}
          </Field>
          <Field label={t("account.lifecyclePhase")}>
            <PhaseBadge phase={a.lifecyclePhase} />
          </Field>
          <Field label={t("account.contactCount")}>{f.number(a.contactCount)}</Field>
          {(a.lifecyclePhase === "churned" || a.churnedAt || a.churnReason) && (
            <>
              <Field label={t("account.churnedAt")}>{f.date(a.churnedAt)}</Field>
              <Field label={t("account.churnReason")} wide>
                {a.churnReason ?? "—"}
              </Field>
            </>
          )}
          <Field label={t("account.createdAt")}>{f.dateTime(a.createdAt)}</Field>
          <Field label={t("account.updatedAt")}>{f.dateTime(a.updatedAt)}</Field>
        </SimpleGrid>
      )}
    </Card>
  );
}
