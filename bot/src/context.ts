import type { Context } from "telegraf";
import type { TadaDocumentNode } from "gql.tada";
import type { Texts } from "./i18n/index.ts";

/** What every handler gets besides Telegraf's own: the person's texts, and the kurin API acting for them. */
export interface BotContext extends Context {
  texts: Texts;
  kurin: PersonApi;
}

/** The kurin API with the rights of the person the update comes from. */
export interface PersonApi {
  request<R, V>(document: TadaDocumentNode<R, V>, variables: V): Promise<R>;
}
