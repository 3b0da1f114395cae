import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { applyFieldErrors } from "../platform/form-errors";
import { notifySuccess } from "../platform/notify";
import {
  type Contact,
  type ContactRole,
  contactRoles,
  type Literacy,
  literacyLevels,
} from "../platform/types";
import { useSaveContact } from "./accounts-api";

type Props = { accountId: string; contact: Contact | null; opened: boolean; onClose: () => void };

export function ContactFormModal({ accountId, contact, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? t("contacts.editTitle") : t("contacts.addTitle")}
      data-testid="contact-form-modal"
    >
      {opened && <ContactForm accountId={accountId} contact={contact} onDone={onClose} />}
    </Modal>
  );
}

type Values = {
  email: string;
  name: string;
  role: ContactRole | null;
  literacy: Literacy | null;
  language: "ja" | "en" | null;
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function ContactForm({
  accountId,
  contact,
  onDone,
}: {
  accountId: string;
  contact: Contact | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveContact(accountId);
  const form = useForm<Values>({
    initialValues: {
      email: contact?.email ?? "",
      name: contact?.name ?? "",
      role: contact?.role ?? null,
      literacy: contact?.literacy ?? null,
      language: contact?.language ?? null,
    },
    validate: {
      email: (v) =>
        !v.trim() ? t("validation.required") : EMAIL.test(v.trim()) ? null : t("validation.email"),
    },
  });

  const submit = (values: Values) => {
    const input = {
      email: values.email.trim(),
      name: values.name.trim() || null,
      role: values.role,
      literacy: values.literacy,
      language: values.language,
    };
    save.mutate(
      { id: contact?.id ?? null, input },
      {
        onSuccess: () => {
          notifySuccess(contact ? t("contacts.saved") : t("contacts.added"));
          onDone();
        },
        onError: (error) => applyFieldErrors(error, form, (p) => (p in values ? p : null)),
      },
    );
  };

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate data-testid="contact-form">
      <Stack>
        <TextInput
          label={t("contacts.name")}
          data-testid="contact-form-name"
          {...form.getInputProps("name")}
        />
        <TextInput
          label={t("contacts.email")}
          type="email"
          required
          data-testid="contact-form-email"
          {...form.getInputProps("email")}
        />
        <Select
          label={t("contacts.role")}
          clearable
          data={contactRoles.map((r) => ({ value: r, label: t(`contactRoles.${r}`) }))}
          data-testid="contact-form-role"
          {...form.getInputProps("role")}
        />
        <Select
          label={t("contacts.literacy")}
          clearable
          data={literacyLevels.map((l) => ({ value: l, label: t(`literacy.${l}`) }))}
          data-testid="contact-form-literacy"
          {...form.getInputProps("literacy")}
        />
        <Select
          label={t("mail.contact.language")}
          description={t("mail.contact.languageHint")}
          clearable
          data={[
            { value: "ja", label: "日本語" },
            { value: "en", label: "English" },
          ]}
          data-testid="contact-form-language"
          {...form.getInputProps("language")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="contact-form-submit">
            {contact ? t("common.save") : t("contacts.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
