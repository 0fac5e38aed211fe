import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { createApolloClient } from "./apollo.ts";
import { App } from "./App.tsx";
import { SessionContext, TOKEN_STORAGE_KEY, TokenStore } from "./session.ts";
import "./styles.css";

const session = new TokenStore(storage());
// Signing in or out in another tab does the same here.
window.addEventListener("storage", (event) => {
  if (event.key === TOKEN_STORAGE_KEY || event.key === null) session.adopt(event.newValue);
});
const { client } = createApolloClient(session);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <SessionContext value={session}>
      <ApolloProvider client={client}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </ApolloProvider>
    </SessionContext>
  </StrictMode>,
);

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked by the browser's settings
  }
}
