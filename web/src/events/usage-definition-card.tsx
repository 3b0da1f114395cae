import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  Radio,
  SegmentedControl,
  Skeleton,
  Stack,
  TagsInput,
  Text,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconInfoCircle, IconLock } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DaysInput } from "../platform/days-input";
import { applyFieldErrors } from "../platform/form-errors";
import { useFormatters } from "../platform/format";
import { notifySuccess } from "../platform/notify";
import type { ActivationMode, WorkspaceSettings } from "../platform/types";
import { settingsQuery, useSaveSettings } from "../settings/settings-api";
import { eventNamesQuery } from "./events-api";
import { type GroupTraitsMode, groupTraitsModes } from "./events-types";

type Values = {
  events: string[];
  mode: ActivationMode;
  windowDays: number | string;
  dailyMinDays: number | string;
  weeklyMinDays: number | string;
  groupTraits: GroupTraitsMode;
};

const fields: Record<string, keyof Values> = {
  "activation.events": "events",
  "activation.mode": "mode",
  "usage.windowDays": "windowDays",
  "usage.dailyMinDays": "dailyMinDays",
  "usage.weeklyMinDays": "weeklyMinDays",
  "events.groupTraits": "groupTraits",
};

function toValues(s: WorkspaceSettings): Values {
  return {
    events: s["activation.events"] ?? [],
    mode: s["activation.mode"] ?? "any",
    windowDays: s["usage.windowDays"] ?? 28,
    dailyMinDays: s["usage.dailyMinDays"] ?? 15,
    weeklyMinDays: s["usage.weeklyMinDays"] ?? 4,
    groupTraits: s["events.groupTraits"] ?? "ignore",
  };
}

/** What counts as activated, what counts as daily/weekly use, and what group traits may do. */
export function UsageDefinitionCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="events-definition">
      <Title order={2} size="h4">
        {t("events.definition.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("events.definition.description")}
      </Text>
      {!editable && (
        <Alert icon={<IconLock size={16} />} color="gray" mb="md">
          {t("settings.readOnly")}
        </Alert>
      )}
      {settings.data ? (
        <DefinitionForm settings={settings.data} editable={editable} />
      ) : (
        <Skeleton height={320} />
      )}
    </Card>
  );
}

function DefinitionForm({ settings, editable }: { settings: WorkspaceSettings; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const save = useSaveSettings();
  const names = useQuery({ ...eventNamesQuery, enabled: editable });
  const whole = (min: number, max: number) => (v: number | string) =>
    typeof v === "number" && Number.isInteger(v) && v >= min && v <= max
      ? null
      : t("events.definition.rangeInvalid", { min, max });
  const form = useForm<Values>({
    initialValues: toValues(settings),
    validate: {
      windowDays: whole(7, 366),
      dailyMinDays: (v, all) =>
        whole(2, 366)(v) ??
        (Number(v) > Number(all.windowDays) || Number(v) <= Number(all.weeklyMinDays)
          ? t("events.definition.orderInvalid")
          : null),
      weeklyMinDays: (v, all) =>
        whole(1, 365)(v) ??
        (Number(v) >= Number(all.dailyMinDays) ? t("events.definition.orderInvalid") : null),
    },
  });
  const v = form.values;
  const suggestions = (names.data?.items ?? []).map((n) => n.event);
  const counts = new Map((names.data?.items ?? []).map((n) => [n.event, n]));

  const submit = (values: Values) =>
    save.mutate(
      {
        "activation.events": values.events,
        "activation.mode": values.mode,
        "usage.windowDays": Number(values.windowDays),
        "usage.dailyMinDays": Number(values.dailyMinDays),
        "usage.weeklyMinDays": Number(values.weeklyMinDays),
        "events.groupTraits": values.groupTraits,
      },
      {
        onSuccess: (saved) => {
          form.setValues(toValues(saved));
          form.resetDirty(toValues(saved));
          notifySuccess(t("settings.saved"));
        },
        onError: (error) =>
          applyFieldErrors(error, form, (path) => fields[path.replace(/\.\d+$/, "")] ?? null),
      },
    );

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <TagsInput
          label={t("events.definition.activationEvents")}
          description={t("events.definition.activationEventsHint")}
          placeholder={editable ? t("events.definition.activationEventsPlaceholder") : undefined}
          data={suggestions}
          readOnly={!editable}
          clearable={editable}
          comboboxProps={{ withinPortal: true }}
          renderOption={({ option }) => {
            const n = counts.get(option.value);
            return (
              <Group justify="space-between" wrap="nowrap" w="100%" gap="md">
                <Text size="sm">{option.value}</Text>
                {n && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                    {t("events.definition.suggestionAccounts", {
                      count: n.accounts,
                      formatted: f.number(n.accounts),
                    })}{" "}
                    ·{" "}
                    {t("events.definition.suggestionEvents", {
                      count: n.count,
                      formatted: f.number(n.count),
                    })}
                  </Text>
                )}
              </Group>
            );
          }}
          data-testid="events-activation-events"
          {...form.getInputProps("events")}
        />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t("events.definition.mode")}
          </Text>
          <Group gap="sm" wrap="wrap">
            <SegmentedControl
              disabled={!editable}
              data-testid="events-activation-mode"
              data={[
                { value: "any", label: t("events.definition.modeAny") },
                { value: "all", label: t("events.definition.modeAll") },
              ]}
              {...form.getInputProps("mode")}
            />
            <Text size="sm" c="dimmed" data-testid="events-activation-explain" style={{ flex: "1 1 260px" }}>
              {v.events.length === 0
                ? t("events.definition.noEventsExplain")
                : t(
                    v.mode === "all"
                      ? "events.definition.modeAllExplain"
                      : "events.definition.modeAnyExplain",
                  )}
            </Text>
          </Group>
        </Stack>

        <Divider label={t("events.definition.frequencyTitle")} labelPosition="left" mt="xs" />
        <Group gap="md" align="flex-start" wrap="wrap">
          {(["windowDays", "dailyMinDays", "weeklyMinDays"] as const).map((key) => (
            <DaysInput
              key={key}
              label={t(`events.definition.${key}`)}
              description={t(`events.definition.${key}Hint`)}
              min={key === "windowDays" ? 7 : 1}
              max={366}
              readOnly={!editable}
              w={{ base: "100%", sm: 230 }}
              data-testid={`events-${key}`}
              {...form.getInputProps(key)}
            />
          ))}
        </Group>
        <Alert
          variant="light"
          color="blue"
          icon={<IconInfoCircle size={16} />}
          data-testid="events-frequency-explain"
        >
          {t("events.definition.frequencyExplain", {
            window: v.windowDays || "—",
            daily: v.dailyMinDays || "—",
            weekly: v.weeklyMinDays || "—",
          })}
        </Alert>

        <Divider label={t("events.definition.groupTraits")} labelPosition="left" mt="xs" />
        <Radio.Group
          description={t("events.definition.groupTraitsHint")}
          data-testid="events-group-traits"
          {...form.getInputProps("groupTraits")}
        >
          <Stack gap="sm" mt="xs">
            {groupTraitsModes.map((mode) => {
              const key = mode === "create_update" ? "CreateUpdate" : mode === "create" ? "Create" : "Ignore";
              return (
                <Radio
                  key={mode}
                  value={mode}
                  disabled={!editable}
                  label={t(`events.definition.groupTraits${key}`)}
                  description={t(`events.definition.groupTraits${key}Hint`)}
                  data-testid={`events-group-traits-${mode}`}
                />
              );
            })}
          </Stack>
        </Radio.Group>

        {editable && (
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!form.isDirty()}
              data-testid="events-definition-save"
            >
              {t("common.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
