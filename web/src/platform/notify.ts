// Error and success messages as Mantine notifications.
import { notifications } from "@mantine/notifications";
import i18n from "i18next";
import { ApiError } from "./api";

export function notifyError(error: unknown): void {
  const message =
    error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  notifications.show({ color: "red", title: i18n.t("errors.title"), message, autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: "teal", message, autoClose: 3000 });
}
