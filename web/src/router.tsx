// Code-based routes: the sign-in page, and the signed-in app behind the /api/v1/me guard.
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { AccountPage } from "./accounts/account-page";
import { parseAccountTab } from "./accounts/account-tabs";
import { AccountsListPage } from "./accounts/accounts-list-page";
import { parseAccountsSearch } from "./accounts/accounts-search";
import { safeNextPath } from "./auth/auth-api";
import { meQuery } from "./auth/me-query";
import { SignInPage } from "./auth/sign-in-page";
import { DashboardPage } from "./dashboard/dashboard-page";
import { parseDashboardSearch } from "./dashboard/dashboard-search";
import { NeedsAttentionPage } from "./follow-up/needs-attention-page";
import { ImportPage } from "./imports/import-page";
import { InformationSequenceEditorPage } from "./information-emails/sequence-editor-page";
import { InformationSequencesPage } from "./information-emails/sequences-page";
import { KpiTargetsPage } from "./kpi-targets/kpi-targets-page";
import { UnsubscribePage } from "./mail/unsubscribe-page";
import { OnboardingOverviewPage } from "./onboarding/onboarding-overview-page";
import { OnboardingTemplateEditorPage } from "./onboarding/template-editor-page";
import { OnboardingTemplatesPage } from "./onboarding/templates-page";
import { isApiError } from "./platform/api";
import { notifyError } from "./platform/notify";
import { PortalPage } from "./portal/portal-page";
import "./platform/query-meta";
import { RegistrationPage } from "./seminars/registration-page";
import { SeminarPage } from "./seminars/seminar-page";
import { SeminarsPage } from "./seminars/seminars-page";
import { SettingsPage } from "./settings/settings-page";
import { parseSettingsTab } from "./settings/settings-tabs";
import { AppShellLayout } from "./shell/app-shell";
import { comingSoonCapabilities } from "./shell/capabilities";
import { ComingSoonPage } from "./shell/coming-soon-page";
import { NotFoundPage } from "./shell/not-found-page";
import { RouteErrorPage } from "./shell/route-error-page";
import { parseResponsesSearch, ResponsesPage } from "./surveys/responses-page";
import { SurveyAnswerPage } from "./surveys/survey-answer-page";
import { EditSurveyPage, NewSurveyPage } from "./surveys/survey-editor-page";
import { SurveyPage } from "./surveys/survey-page";
import { SurveysPage } from "./surveys/surveys-page";
import { TeamPage } from "./team/team-page";

function sendToSignIn() {
  const { pathname, search } = window.location;
  if (pathname === "/sign-in") return;
  queryClient.clear();
  void router.navigate({ to: "/sign-in", search: { next: pathname + search } });
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
    },
  },
  queryCache: new QueryCache({
    onError: (error, query) => {
      // Silent queries (me, the sign-in hint) are handled where they are used; the guard redirects for me.
      if (query.meta?.silent) return;
      if (isApiError(error, 401)) return sendToSignIn();
      if (!isApiError(error, 404)) notifyError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      if (isApiError(error, 401) && !mutation.meta?.silent) return sendToSignIn();
      if (!mutation.meta?.silent) notifyError(error);
    },
  }),
});

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: (raw: Record<string, unknown>): { next?: string } =>
    typeof raw.next === "string" && raw.next ? { next: raw.next } : {},
  beforeLoad: ({ context, search }) => {
    // Already signed in (this tab knows who): go where the user wanted to go.
    if (context.queryClient.getQueryData(meQuery.queryKey))
      throw redirect({ href: safeNextPath(search.next) });
  },
  component: SignInPage,
});

// The customer portal: opened with a secret link, outside the staff sign-in.
const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/portal/$token",
  component: PortalPage,
});

// A survey answer link: opened from the e-mail, outside the staff sign-in.
// The unsubscribe link of marketing mail: public, outside the staff sign-in.
const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/unsubscribe/$token",
  component: UnsubscribePage,
});

// A seminar invitation's registration link: opened from the e-mail, outside the staff sign-in.
const seminarRegistrationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seminar/$token",
  component: RegistrationPage,
});

const surveyAnswerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/survey/$token",
  component: SurveyAnswerPage,
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (error) {
      if (isApiError(error, 401)) {
        throw redirect({ to: "/sign-in", search: { next: location.href } });
      }
      throw error;
    }
  },
  component: AppShellLayout,
  errorComponent: RouteErrorPage,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/accounts" });
  },
});

const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/accounts",
  validateSearch: parseAccountsSearch,
  component: AccountsListPage,
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/accounts/$accountId",
  validateSearch: parseAccountTab,
  component: AccountPage,
});

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/accounts/import",
  component: ImportPage,
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/settings",
  validateSearch: parseSettingsTab,
  component: SettingsPage,
});

const teamRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/team",
  component: TeamPage,
});

const onboardingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/onboarding",
  component: OnboardingOverviewPage,
});

const onboardingTemplatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/onboarding/templates",
  component: OnboardingTemplatesPage,
});

const onboardingTemplateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/onboarding/templates/$templateId",
  component: OnboardingTemplateEditorPage,
});

const informationEmailsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/information-emails",
  component: InformationSequencesPage,
});

const informationSequenceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/information-emails/$sequenceId",
  component: InformationSequenceEditorPage,
});

const followUpRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/follow-up",
  component: NeedsAttentionPage,
});

const surveysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/surveys",
  component: SurveysPage,
});
const newSurveyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/surveys/new",
  component: NewSurveyPage,
});
const surveyResponsesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/surveys/responses",
  validateSearch: parseResponsesSearch,
  component: ResponsesPage,
});
const surveyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/surveys/$surveyId",
  component: SurveyPage,
});
const editSurveyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/surveys/$surveyId/edit",
  component: EditSurveyPage,
});

const seminarsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/seminars",
  component: SeminarsPage,
});
const seminarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/seminars/$seminarId",
  component: SeminarPage,
});

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/dashboard",
  validateSearch: parseDashboardSearch,
  component: DashboardPage,
});

const kpiTargetsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/dashboard/targets",
  component: KpiTargetsPage,
});

function comingSoonRoute<const P extends string>(path: P) {
  const capability = comingSoonCapabilities.find((c) => c.to === path);
  if (!capability) throw new Error(`No capability at ${path}`);
  return createRoute({
    getParentRoute: () => appRoute,
    path,
    component: () => <ComingSoonPage capability={capability} />,
  });
}

const comingSoonRoutes = [comingSoonRoute("/support"), comingSoonRoute("/automation")];

const routeTree = rootRoute.addChildren([
  signInRoute,
  portalRoute,
  unsubscribeRoute,
  surveyAnswerRoute,
  seminarRegistrationRoute,
  appRoute.addChildren([
    indexRoute,
    dashboardRoute,
    kpiTargetsRoute,
    accountsRoute,
    importRoute,
    accountRoute,
    settingsRoute,
    teamRoute,
    onboardingRoute,
    onboardingTemplatesRoute,
    onboardingTemplateRoute,
    followUpRoute,
    informationEmailsRoute,
    informationSequenceRoute,
    surveysRoute,
    newSurveyRoute,
    surveyResponsesRoute,
    surveyRoute,
    editSurveyRoute,
    seminarsRoute,
    seminarRoute,
    ...comingSoonRoutes,
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: "intent",
  defaultPreloadStaleTime: 0,
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
