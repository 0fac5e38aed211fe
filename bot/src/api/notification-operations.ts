import { graphql, type ResultOf } from "./graphql.ts";

/** The outbox, as the bot sees it: take messages to send, say how each went, wake up on a change. */

export const TakeNotifications = graphql(`
  mutation TakeNotifications($first: Int!) {
    takeNotifications(first: $first) {
      id
      claim
      kind
      bookId
      recipientTelegramId
      recipientLanguage
      bookTitle
      bookAuthor
      readerName
      readerUsername
      readerPhone
      photoFileId
      dueDate
      overdueRound
      pickupByLocal
      overdue {
        bookId
        bookTitle
        readerName
        readerUsername
        readerPhone
        dueDate
      }
    }
  }
`);

export const AckNotification = graphql(`
  mutation AckNotification($id: ID!, $claim: String!, $outcome: NotificationOutcome!) {
    ackNotification(id: $id, claim: $claim, outcome: $outcome)
  }
`);

/** Any change of a book's status may have left messages in the outbox. */
export const LoanEventsWakeUp = graphql(`
  subscription LoanEventsWakeUp {
    loanEvents {
      id
    }
  }
`);

export type Notification = ResultOf<typeof TakeNotifications>["takeNotifications"][number];
export type NotificationKind = Notification["kind"];
