import { Button, Card, Group, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { applyFieldErrors } from "../platform/form-errors";
import { notifyError, notifySuccess } from "../platform/notify";
import { type TouchModel, touchModels } from "../platform/types";
import type { Classification } from "../segmentation/segmentation-api";
import { useOverrideTouchModel } from "./touch-models-api";

type Values = { touchModel: TouchModel | null; reason: string };

/** A CSM sets the account's touch model by hand, or returns it to the policy — always with a reason. */
export function TouchModelOverrideForm({
  accountId,
  classification: c,
}: {
  accountId: string;
  classification: Classification;
}) {
  const { t } = useTranslation();
  const override = useOverrideTouchModel(accountId);
  const current = (c.touchModel.override as TouchModel | null) ?? null;
  const form = useForm<Values>({
    initialValues: { touchModel: current, reason: "" },
    validate: {
      reason: (v) => (v.trim() ? null : t("classification.reasonRequired")),
    },
  });

  const submit = (v: Values) =>
    override.mutate(
      { touchModel: v.touchModel, reason: v.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(
            v.touchModel ? t("classification.overrideSaved") : t("classification.overrideRemoved"),
          );
          form.setValues({ touchModel: v.touchModel, reason: "" });
          form.resetDirty({ touchModel: v.touchModel, reason: "" });
        },
        onError: (error) => {
          if (!applyFieldErrors(error, form, (p) => (p === "reason" || p === "touchModel" ? p : null)))
            notifyError(error);
        },
      },
    );

  return (
    <Card withBorder radius="md" padding="lg" data-testid="touch-model-override">
      <Title order={3} size="h5">
        {t("classification.overrideTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("classification.overrideHint")}
      </Text>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <Select
            label={t("classification.newModel")}
            w={{ base: "100%", sm: 320 }}
            data={[
              {
                value: "",
                label: t("classification.followPolicy", {
                  model: t(`touchModels.${c.touchModel.policyModel}`),
                }),
              },
              ...touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) })),
            ]}
            allowDeselect={false}
            data-testid="override-model"
            comboboxProps={{ withinPortal: true }}
            value={form.values.touchModel ?? ""}
            onChange={(v) => form.setFieldValue("touchModel", (v || null) as TouchModel | null)}
            error={form.errors.touchModel}
          />
          <Textarea
            label={t("classification.reason")}
            placeholder={t("classification.reasonPlaceholder")}
            required
            autosize
            minRows={2}
            data-testid="override-reason"
            {...form.getInputProps("reason")}
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={override.isPending}
              disabled={form.values.touchModel === current}
              data-testid="override-submit"
            >
              {current && !form.values.touchModel
                ? t("classification.removeSubmit")
                : t("classification.overrideSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
