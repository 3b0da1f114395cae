import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../platform/api";
import { applyFieldErrors } from "../platform/form-errors";
import { notifyError, notifySuccess } from "../platform/notify";
import { type Literacy, literacyLevels } from "../platform/types";
import {
  type Handoff,
  type HandoffPatch,
  handoffQuery,
  useCompleteHandoff,
  useUpdateHandoff,
} from "./handoff-api";
import { HandoffStatus } from "./handoff-status";
import { SimilarAccountsSelect } from "./similar-accounts-select";

type Values = {
  industry: string;
  department: string;
  employees: number | string;
  annualRevenue: number | string;
  challenges: string;
  adoptionPurpose: string;
  expectedOutcomes: string;
  itLiteracy: Literacy | null;
  skillNotes: string;
  lessons: string;
  similar: { id: string; name: string }[];
};

const textFields = [
  "industry",
  "department",
  "challenges",
  "adoptionPurpose",
  "expectedOutcomes",
  "skillNotes",
  "lessons",
] as const;

function toValues(h: Handoff): Values {
  return {
    industry: h.industry ?? "",
    department: h.department ?? "",
    employees: h.employees ?? "",
    annualRevenue: h.annualRevenue ?? "",
    challenges: h.challenges ?? "",
    adoptionPurpose: h.adoptionPurpose ?? "",
    expectedOutcomes: h.expectedOutcomes ?? "",
    itLiteracy: h.itLiteracy,
    skillNotes: h.skillNotes ?? "",
    lessons: h.lessons ?? "",
    similar: h.similarAccounts,
  };
}

const num = (v: number | string) => (v === "" || v === null ? null : Number(v));

/** Only what the user changed; "" clears a field. */
function toPatch(before: Handoff, v: Values): HandoffPatch {
  const patch: HandoffPatch = {};
  for (const key of textFields) {
    const next = v[key].trim() || null;
    if (next !== (before[key] ?? null)) patch[key] = next;
  }
  if (num(v.employees) !== before.employees) patch.employees = num(v.employees);
  if (num(v.annualRevenue) !== before.annualRevenue) patch.annualRevenue = num(v.annualRevenue);
  if (v.itLiteracy !== before.itLiteracy) patch.itLiteracy = v.itLiteracy;
  const ids = v.similar.map((s) => s.id);
  if (JSON.stringify(ids) !== JSON.stringify(before.similarAccountIds)) patch.similarAccountIds = ids;
  return patch;
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

export function HandoffSection({ accountId, editable }: { accountId: string; editable: boolean }) {
  const handoff = useQuery(handoffQuery(accountId));
  if (!handoff.data) return <Skeleton height={420} radius="md" />;
  // Re-mount the form when the saved hand-off changes so it shows what the server has.
  return <HandoffForm key={JSON.stringify(handoff.data)} handoff={handoff.data} editable={editable} />;
}

function HandoffForm({ handoff, editable }: { handoff: Handoff; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateHandoff(handoff.accountId);
  const complete = useCompleteHandoff(handoff.accountId);
  const form = useForm<Values>({ initialValues: toValues(handoff) });
  const ro = !editable;

  const save = (values: Values) => {
    const patch = toPatch(handoff, values);
    if (Object.keys(patch).length === 0) return notifySuccess(t("handoff.noChanges"));
    // mutateAsync: the form re-mounts with the saved hand-off, so per-call callbacks would be lost.
    update.mutateAsync(patch).then(
      () => notifySuccess(t("handoff.saved")),
      (error: unknown) => {
        if (!applyFieldErrors(error, form, (p) => (p in values ? p : null))) notifyError(error);
      },
    );
  };

  const onComplete = () =>
    complete.mutateAsync().then(
      () => notifySuccess(t("handoff.completed")),
      (error: unknown) => {
        if (isApiError(error, 409)) notifyError(new Error(t("handoff.completeBlocked")));
        else notifyError(error);
      },
    );

  const text = (name: (typeof textFields)[number], multiline?: boolean) => {
    const props = {
      label: t(`handoff.fields.${name}`),
      placeholder: t(`handoff.placeholders.${name}`, { defaultValue: "" }),
      readOnly: ro,
      "data-testid": `handoff-${name}`,
      ...form.getInputProps(name),
    };
    return multiline ? <Textarea autosize minRows={2} maxRows={8} {...props} /> : <TextInput {...props} />;
  };

  const roles = ["decision_maker", "champion"] as const;

  return (
    <form onSubmit={form.onSubmit(save)} noValidate data-testid="handoff-form">
      <Stack gap="md">
        <HandoffStatus
          handoff={handoff}
          editable={editable}
          completing={complete.isPending}
          onComplete={onComplete}
        />
        <Block title={t("handoff.sections.customer")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {text("industry")}
            {text("department")}
            <NumberInput
              label={t("handoff.fields.employees")}
              readOnly={ro}
              min={0}
              thousandSeparator=","
              suffix={t("handoff.peopleSuffix")}
              data-testid="handoff-employees"
              {...form.getInputProps("employees")}
            />
            <NumberInput
              label={t("handoff.fields.annualRevenue")}
              readOnly={ro}
              min={0}
              thousandSeparator=","
              prefix="¥"
              data-testid="handoff-annualRevenue"
              {...form.getInputProps("annualRevenue")}
            />
          </SimpleGrid>
          <Stack mt="md" gap="md">
            {text("challenges", true)}
          </Stack>
        </Block>

        <Block title={t("handoff.sections.purpose")}>
          <Stack gap="md">
            {text("adoptionPurpose", true)}
            {text("expectedOutcomes", true)}
          </Stack>
        </Block>

        <Block title={t("handoff.sections.stakeholders")}>
          <Stack gap="xs" data-testid="handoff-stakeholders">
            {roles.map((role) => {
              const people = handoff.stakeholders.filter((s) => s.role === role);
              return (
                <Group key={role} gap="xs" align="flex-start" wrap="nowrap">
                  <Badge variant="light" color={role === "champion" ? "teal" : "violet"} tt="none" w={110}>
                    {t(`contactRoles.${role}`)}
                  </Badge>
                  {people.length === 0 ? (
                    <Text size="sm" c="red">
                      {t("handoff.noStakeholder")}
                    </Text>
                  ) : (
                    <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                      {people
                        .map(
                          (p) =>
                            `${p.name ?? p.email}${p.literacy ? `（${t("contacts.literacy")}: ${t(`literacy.${p.literacy}`)}）` : ""}`,
                        )
                        .join("、")}
                    </Text>
                  )}
                </Group>
              );
            })}
            <Text size="xs" c="dimmed">
              {t("handoff.stakeholdersHint")}
            </Text>
          </Stack>
        </Block>

        <Block title={t("handoff.sections.skills")}>
          <Stack gap="md">
            <Select
              label={t("handoff.fields.itLiteracy")}
              readOnly={ro}
              clearable={!ro}
              w={{ base: "100%", sm: 280 }}
              data={literacyLevels.map((l) => ({ value: l, label: t(`handoff.literacy.${l}`) }))}
              data-testid="handoff-itLiteracy"
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps("itLiteracy")}
            />
            {text("skillNotes", true)}
          </Stack>
        </Block>

        <Block title={t("handoff.sections.lessons")}>
          <Stack gap="md">
            <SimilarAccountsSelect
              value={form.values.similar}
              onChange={(v) => form.setFieldValue("similar", v)}
              excludeId={handoff.accountId}
              disabled={ro}
            />
            {text("lessons", true)}
          </Stack>
        </Block>

        {editable && (
          <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="gray.0" style={{ zIndex: 2 }}>
            <Button
              type="submit"
              loading={update.isPending}
              leftSection={<IconDeviceFloppy size={16} />}
              data-testid="handoff-save"
              disabled={!form.isDirty()}
            >
              {t("handoff.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
