// Staff sign-in and sign-out (better-auth endpoints) and the demo hint shown on the sign-in page.
import { apiGet, apiRequest } from "../platform/api";

export type SignInHint = { demo: { email: string; password: string } | null };

export function signInWithEmail(email: string, password: string): Promise<unknown> {
  return apiRequest("/api/auth/sign-in/email", {
    method: "POST",
    body: { email, password },
    withoutWorkspace: true,
  });
}

export function signOut(): Promise<unknown> {
  return apiRequest("/api/auth/sign-out", { method: "POST", body: {}, withoutWorkspace: true });
}

export function fetchSignInHint(signal: AbortSignal): Promise<SignInHint> {
  return apiGet<SignInHint>("/api/v1/public/sign-in-hint", signal);
}

/** Only same-site paths may be the target after sign-in (no open redirect). */
export function safeNextPath(next: string | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/sign-in")) {
    return "/accounts";
  }
  return next;
}
