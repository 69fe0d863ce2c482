// Why: what the person sees when Coffer cannot even list profiles (data folder missing, damaged registry): the reason and a retry.
import { html } from "lit-html";
import type { AppError } from "../api";
import { brand } from "../components/logo";
import type { ScreenView } from "./host";

function summary(error: AppError): string {
  switch (error.code) {
    case "data_dir":
      return "Coffer could not open its data folder on this computer.";
    case "damaged_registry":
      return "Coffer's list of profiles is damaged, so no profile can be opened.";
    case "storage":
      return "Coffer could not read its files on this computer.";
    default:
      return "Something went wrong while Coffer was starting.";
  }
}

export function failureScreen(error: AppError, retry: () => void): ScreenView {
  return {
    name: "failure",
    template() {
      return html`<div class="auth-shell">
        <div class="auth-column">
          <div class="card auth-card">
            <div class="card-body">
              <header class="auth-header">
                ${brand("lg")}
                <h1 class="auth-title">Coffer can't start</h1>
                <p class="auth-subtitle">${summary(error)}</p>
              </header>
              <div id="startup-error" class="alert alert-danger small" role="alert" data-code=${error.code}>
                ${error.message}
              </div>
              <button id="retry-btn" type="button" class="btn btn-primary btn-lg w-100" data-autofocus @click=${retry}>
                Try again
              </button>
            </div>
          </div>
        </div>
      </div>`;
    },
  };
}
