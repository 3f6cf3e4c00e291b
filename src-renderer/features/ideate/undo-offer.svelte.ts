/**
 * The decision just made, offered for undo in a toast for a few seconds; afterwards the idea card's
 * "Undo decision" (which reads the persisted history) is the way back.
 */

export interface UndoOffer {
  ideaId: string;
  text: string;
}

const UNDO_OFFER_MS = 12_000;

export class UndoOfferState {
  offer = $state<UndoOffer | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;

  show(offer: UndoOffer): void {
    this.dismiss();
    this.offer = offer;
    this.#timer = setTimeout(() => this.dismiss(), UNDO_OFFER_MS);
  }

  dismiss(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.offer = null;
  }
}
