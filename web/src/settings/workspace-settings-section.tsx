import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconLock } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { DaysInput } from "../platform/days-input";
import { applyFieldErrors } from "../platform/form-errors";
import { notifySuccess } from "../platform/notify";
import type { OnboardingAutoStart, WorkspaceSettings } from "../platform/types";
import { settingsQuery, useSaveSettings } from "./settings-api";

function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export function WorkspaceSettingsSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="settings-workspace">
      <Title order={2} size="h4">
        {t("settings.workspace.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("settings.workspace.description")}
      </Text>
      {!editable && (
        <Alert icon={<IconLock size={16} />} color="gray" mb="md" data-testid="settings-read-only">
          {t("settings.readOnly")}
        </Alert>
      )}
      {settings.data ? (
        <WorkspaceSettingsForm settings={settings.data} editable={editable} />
      ) : (
        <Stack>
          <Skeleton height={56} />
          <Skeleton height={56} />
          <Skeleton height={56} />
        </Stack>
      )}
    </Card>
  );
}

type Values = {
  timezone: string;
  targetDays: number | string;
  highTouchPct: number | string;
  autoStart: OnboardingAutoStart;
  stallDays: number | string;
  linkDays: number | string;
};

function WorkspaceSettingsForm({ settings, editable }: { settings: WorkspaceSettings; editable: boolean }) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const zones = useMemo(timeZones, []);
  const form = useForm<Values>({
    initialValues: {
      timezone: settings.timezone,
      targetDays: settings["kpi.targetDays"],
      highTouchPct: Math.round((settings["team.highTouchShareLimit"] ?? 0.4) * 100),
      autoStart: settings["onboarding.autoStart"] ?? "off",
      stallDays: settings["onboarding.stallDays"] ?? 14,
      linkDays: settings["portal.linkDays"] ?? 90,
    },
    validate: {
      timezone: (v) => (v ? null : t("validation.required")),
      targetDays: (v) =>
        typeof v === "number" && Number.isInteger(v) && v >= 1 ? null : t("validation.positiveInteger"),
      highTouchPct: (v) =>
        typeof v === "number" && v >= 1 && v <= 100 ? null : t("settings.workspace.highTouchLimitInvalid"),
      stallDays: (v) =>
        typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 365
          ? null
          : t("validation.positiveInteger"),
      linkDays: (v) =>
        typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 730
          ? null
          : t("validation.positiveInteger"),
    },
  });

  const fieldFor = (path: string) =>
    ({
      timezone: "timezone",
      "kpi.targetDays": "targetDays",
      "team.highTouchShareLimit": "highTouchPct",
      "onboarding.autoStart": "autoStart",
      "onboarding.stallDays": "stallDays",
      "portal.linkDays": "linkDays",
    })[path.replace(/\.\d+$/, "")] ?? null;

  const submit = (values: Values) => {
    save.mutate(
      {
        timezone: values.timezone,
        "kpi.targetDays": Number(values.targetDays),
        "team.highTouchShareLimit": Number(values.highTouchPct) / 100,
        "onboarding.autoStart": values.autoStart,
        "onboarding.stallDays": Number(values.stallDays),
        "portal.linkDays": Number(values.linkDays),
      },
      {
        onSuccess: (saved) => {
          form.setValues({
            timezone: saved.timezone,
            targetDays: saved["kpi.targetDays"],
            highTouchPct: Math.round((saved["team.highTouchShareLimit"] ?? 0.4) * 100),
            autoStart: saved["onboarding.autoStart"] ?? "off",
            stallDays: saved["onboarding.stallDays"] ?? 14,
            linkDays: saved["portal.linkDays"] ?? 90,
          });
          form.resetDirty();
          notifySuccess(t("settings.saved"));
        },
        onError: (error) => applyFieldErrors(error, form, fieldFor),
      },
    );
  };

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <Select
          label={t("settings.workspace.timezone")}
          description={t("settings.workspace.timezoneHint")}
          data={zones}
          searchable
          allowDeselect={false}
          limit={100}
          readOnly={!editable}
          data-testid="settings-timezone"
          {...form.getInputProps("timezone")}
        />
        <DaysInput
          label={t("settings.workspace.targetDays")}
          description={t("settings.workspace.targetDaysHint")}
          min={1}
          max={365}
          readOnly={!editable}
          w={{ base: "100%", sm: 240 }}
          data-testid="settings-target-days"
          {...form.getInputProps("targetDays")}
        />
        <NumberInput
          label={t("settings.workspace.highTouchLimit")}
          description={t("settings.workspace.highTouchLimitHint")}
          min={1}
          max={100}
          allowNegative={false}
          suffix="%"
          readOnly={!editable}
          w={{ base: "100%", sm: 240 }}
          data-testid="settings-high-touch-limit"
          {...form.getInputProps("highTouchPct")}
        />
        <Divider label={t("onboarding.settings.section")} labelPosition="left" mt="xs" />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("onboarding.settings.autoStart")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("onboarding.settings.autoStartHint")}
          </Text>
          <SegmentedControl
            w="fit-content"
            disabled={!editable}
            data-testid="settings-onboarding-auto-start"
            data={[
              { value: "off", label: t("onboarding.settings.autoStartOff") },
              { value: "onboarding_phase", label: t("onboarding.settings.autoStartPhase") },
            ]}
            {...form.getInputProps("autoStart")}
          />
        </Stack>
        <Group gap="md" align="flex-start" wrap="wrap">
          <DaysInput
            label={t("onboarding.settings.stallDays")}
            description={t("onboarding.settings.stallDaysHint")}
            min={1}
            max={365}
            readOnly={!editable}
            w={{ base: "100%", sm: 300 }}
            data-testid="settings-onboarding-stall-days"
            {...form.getInputProps("stallDays")}
          />
          <DaysInput
            label={t("onboarding.settings.linkDays")}
            description={t("onboarding.settings.linkDaysHint")}
            min={1}
            max={730}
            readOnly={!editable}
            w={{ base: "100%", sm: 300 }}
            data-testid="settings-portal-link-days"
            {...form.getInputProps("linkDays")}
          />
        </Group>
        {editable && (
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!form.isDirty()}
              data-testid="settings-save"
            >
              {t("common.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
