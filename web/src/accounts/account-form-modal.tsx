import {
  ActionIcon,
  Autocomplete,
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { applyFieldErrors } from "../platform/form-errors";
import { useWorkspaceTimeZone } from "../platform/format";
import { notifySuccess } from "../platform/notify";
import { type Account, lifecyclePhases, touchModels } from "../platform/types";
import {
  type AccountFormValues,
  formFieldFor,
  toCreateBody,
  toFormValues,
  toPatchBody,
} from "./account-form-values";
import { useAccountFacets, useCreateAccount, useOwnerOptions, useUpdateAccount } from "./accounts-api";

type Props = {
  opened: boolean;
  onClose: () => void;
  account: Account | null;
  /** Values a new account starts with (ignored when editing). */
  prefill?: Partial<AccountFormValues>;
};

export function AccountFormModal({ opened, onClose, account, prefill }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? t("accountForm.editTitle") : t("accountForm.newTitle")}
      size="xl"
      fullScreen={isPhone}
      data-testid="account-form-modal"
      styles={{ title: { fontWeight: 600, fontSize: "var(--mantine-font-size-lg)" } }}
    >
      {opened && <AccountForm account={account} prefill={prefill} onDone={onClose} />}
    </Modal>
  );
}

function AccountForm({
  account,
  prefill,
  onDone,
}: {
  account: Account | null;
  prefill?: Partial<AccountFormValues>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const navigate = useNavigate();
  const facets = useAccountFacets();
  const owners = useOwnerOptions();
  const create = useCreateAccount();
  const update = useUpdateAccount(account?.id ?? "");
  const initial = { ...toFormValues(account, timeZone), ...(account ? {} : prefill) };

  const required = (value: string) => (value.trim() ? null : t("validation.required"));
  const nonNegative = (value: number | string) =>
    typeof value === "number" && value < 0 ? t("validation.nonNegative") : null;
  const form = useForm<AccountFormValues>({
    initialValues: initial,
    validate: {
      externalId: required,
      name: required,
      employees: nonNegative,
      annualRevenue: nonNegative,
      contractValue: nonNegative,
    },
  });

  const submit = (values: AccountFormValues) => {
    const onError = (error: Error) => applyFieldErrors(error, form, formFieldFor(values));
    if (account) {
      const patch = toPatchBody(initial, values);
      if (Object.keys(patch).length === 0) return onDone();
      update.mutate(patch, {
        onSuccess: () => {
          notifySuccess(t("accountForm.saved"));
          onDone();
        },
        onError,
      });
    } else {
      create.mutate(toCreateBody(values), {
        onSuccess: (created) => {
          notifySuccess(t("accountForm.created"));
          onDone();
          void navigate({ to: "/accounts/$accountId", params: { accountId: created.id } });
        },
        onError,
      });
    }
  };

  const planOptions = Array.from(new Set([...(facets.data?.plans ?? []), "premium", "middle", "light"]));
  const churned = form.values.lifecyclePhase === "churned";
  const yen = { thousandSeparator: ",", prefix: "¥", min: 0, allowNegative: false, allowDecimal: false };

  return (
    <form
      onSubmit={form.onSubmit(submit, (errors) => form.getInputNode(Object.keys(errors)[0])?.focus())}
      noValidate
      data-testid="account-form"
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("account.name")}
            required
            data-testid="account-form-name"
            {...form.getInputProps("name")}
          />
          <TextInput
            label={t("account.externalId")}
            placeholder={t("accountForm.externalIdHint")}
            required
            data-testid="account-form-external-id"
            {...form.getInputProps("externalId")}
          />
          <Autocomplete
            label={t("account.industry")}
            data={facets.data?.industries ?? []}
            data-testid="account-form-industry"
            {...form.getInputProps("industry")}
          />
          <TextInput
            label={t("account.groupId")}
            data-testid="account-form-group-id"
            {...form.getInputProps("groupId")}
          />
          <NumberInput
            label={t("account.employees")}
            min={0}
            allowNegative={false}
            allowDecimal={false}
            thousandSeparator=","
            data-testid="account-form-employees"
            {...form.getInputProps("employees")}
          />
          <NumberInput label={t("account.annualRevenue")} {...yen} {...form.getInputProps("annualRevenue")} />
          <Autocomplete
            label={t("account.plan")}
            data={planOptions.map((p) => ({
              value: p,
              label: t(`plans.${p.toLowerCase()}`, { defaultValue: p }),
            }))}
            data-testid="account-form-plan"
            {...form.getInputProps("plan")}
          />
          <DateInput
            label={t("account.contractStart")}
            valueFormat="YYYY-MM-DD"
            clearable
            {...form.getInputProps("contractStart")}
          />
          <NumberInput label={t("account.contractValue")} {...yen} {...form.getInputProps("contractValue")} />
          <Select
            label={t("account.owner")}
            data={owners}
            searchable
            clearable
            placeholder={t("account.noOwner")}
            data-testid="account-form-owner"
            {...form.getInputProps("ownerId")}
          />
          <Select
            label={t("account.backupOwner")}
            description={t("accountForm.backupOwnerHint")}
            data={owners.filter((o) => o.value !== form.values.ownerId)}
            searchable
            clearable
            placeholder={t("account.noOwner")}
            data-testid="account-form-backup-owner"
            {...form.getInputProps("backupOwnerId")}
          />
          <Select
            label={t("account.lifecyclePhase")}
            data={lifecyclePhases.map((p) => ({ value: p, label: t(`phases.${p}`) }))}
            allowDeselect={false}
            data-testid="account-form-phase"
            {...form.getInputProps("lifecyclePhase")}
          />
          <Select
            label={t("account.touchModel")}
            title={t("accountForm.touchModelHint")}
            data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
            clearable
            placeholder={t("account.touchModelAuto")}
            {...form.getInputProps("touchModel")}
          />
        </SimpleGrid>

        {churned && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <DateInput
              label={t("account.churnedAt")}
              valueFormat="YYYY-MM-DD"
              clearable
              {...form.getInputProps("churnedAt")}
            />
            <Textarea
              label={t("account.churnReason")}
              autosize
              minRows={1}
              maxRows={4}
              {...form.getInputProps("churnReason")}
            />
          </SimpleGrid>
        )}

        <Divider label={t("account.custom")} labelPosition="left" />
        <Stack gap="xs">
          {form.values.custom.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("accountForm.noCustom")}
            </Text>
          )}
          {form.values.custom.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, the key may change
            <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
              <TextInput
                placeholder={t("accountForm.customKey")}
                aria-label={t("accountForm.customKey")}
                style={{ flex: 1 }}
                {...form.getInputProps(`custom.${index}.key`)}
              />
              <TextInput
                placeholder={t("accountForm.customValue")}
                aria-label={t("accountForm.customValue")}
                style={{ flex: 2 }}
                {...form.getInputProps(`custom.${index}.value`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size={36}
                aria-label={t("accountForm.removeCustom", { key: row.key })}
                onClick={() => form.removeListItem("custom", index)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem("custom", { key: "", value: "" })}
            >
              {t("accountForm.addCustom")}
            </Button>
          </Group>
        </Stack>

        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            loading={create.isPending || update.isPending}
            data-testid="account-form-submit"
          >
            {account ? t("common.save") : t("accountForm.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
