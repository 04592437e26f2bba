import Foundation
import RateLimit

/// One intent of the support-bot workload: the ways users phrase it. Every phrasing of one
/// intent deserves the same answer; a semantic hit that serves another intent's answer is wrong.
public struct Intent: Sendable, Hashable {
    public var id: String
    public var phrasings: [String]
}

/// The questions a customer-support bot gets, grouped by intent. Near-miss intents sit side
/// by side on purpose (enable vs disable, 10 vs 15 miles, France vs Germany): they look alike
/// to an embedding and must not share a cached answer.
public enum SupportCatalog {
    public static let intents: [Intent] = [
        Intent(
            id: "reset-password",
            phrasings: [
                "How do I reset my password?", "I forgot my password, how can I change it?",
                "How can I reset my password", "Reset my password please",
            ]),
        Intent(
            id: "enable-2fa",
            phrasings: [
                "How do I enable two-factor authentication?", "How do I turn on 2FA?",
                "Enable two-factor authentication on my account",
            ]),
        Intent(
            id: "disable-2fa",
            phrasings: [
                "How do I disable two-factor authentication?", "How do I turn off 2FA?",
                "Disable two-factor authentication on my account",
            ]),
        Intent(
            id: "cancel-subscription",
            phrasings: [
                "How do I cancel my subscription?", "I want to cancel my plan",
                "Cancel my subscription", "How can I stop my subscription from renewing?",
            ]),
        Intent(
            id: "upgrade-plan",
            phrasings: [
                "How do I upgrade my plan?", "I want to move to the Pro plan", "Upgrade my subscription to Pro",
            ]),
        Intent(
            id: "refund",
            phrasings: [
                "Can I get a refund?", "How do I request a refund?", "I want my money back",
            ]),
        Intent(
            id: "change-email",
            phrasings: [
                "How do I change my email address?", "Update the email on my account",
                "I need to use a different email for my account",
            ]),
        Intent(
            id: "delete-account",
            phrasings: [
                "How do I delete my account?", "Please delete my account and data", "Close my account permanently",
            ]),
        Intent(
            id: "export-data",
            phrasings: [
                "How do I export my data?", "Download all my data as a file", "Can I get a copy of my data?",
            ]),
        Intent(
            id: "invoice",
            phrasings: [
                "Where can I find my invoices?", "Download my last invoice", "I need an invoice for my payment",
            ]),
        Intent(
            id: "update-card",
            phrasings: [
                "How do I update my credit card?", "Change the card I pay with",
                "My card expired, how do I replace it?",
            ]),
        Intent(
            id: "api-key",
            phrasings: [
                "How do I create an API key?", "Where do I generate an API key?", "Make a new API key for my app",
            ]),
        Intent(
            id: "rotate-api-key",
            phrasings: [
                "How do I rotate my API key?", "My API key leaked, how do I replace it?",
                "Revoke and reissue my API key",
            ]),
        Intent(
            id: "rate-limit-error",
            phrasings: [
                "Why do I get 429 Too Many Requests?", "What does error 429 mean?", "I keep hitting the rate limit",
            ]),
        Intent(
            id: "capital-france",
            phrasings: [
                "What is the capital of France?", "Tell me France's capital city", "what is the capital of france",
            ]),
        Intent(
            id: "capital-germany",
            phrasings: [
                "What is the capital of Germany?", "Tell me Germany's capital city",
            ]),
        Intent(id: "miles-10", phrasings: ["Convert 10 miles to km", "How many km is 10 miles?"]),
        Intent(id: "miles-15", phrasings: ["Convert 15 miles to km", "How many km is 15 miles?"]),
        Intent(
            id: "add-teammate",
            phrasings: [
                "How do I invite a teammate?", "Add a new user to my team", "Invite a colleague to my workspace",
            ]),
        Intent(
            id: "remove-teammate",
            phrasings: [
                "How do I remove a teammate?", "Remove a user from my team", "Kick a colleague out of my workspace",
            ]),
        Intent(
            id: "dark-mode",
            phrasings: [
                "How do I turn on dark mode?", "Switch the app to dark mode", "Enable the dark theme",
            ]),
        Intent(
            id: "light-mode",
            phrasings: [
                "How do I turn on light mode?", "Switch the app to light mode", "Enable the light theme",
            ]),
        Intent(
            id: "shipping-time",
            phrasings: [
                "How long does shipping take?", "When will my order arrive?", "What are your delivery times?",
            ]),
        Intent(
            id: "track-order",
            phrasings: [
                "How do I track my order?", "Where is my package?", "Track my shipment",
            ]),
        Intent(
            id: "business-hours",
            phrasings: [
                "What are your support hours?", "When is customer support open?", "Are you open on weekends?",
            ]),
        Intent(
            id: "language",
            phrasings: [
                "How do I change the language?", "Switch the interface to Spanish", "Change the app language",
            ]),
        Intent(
            id: "notifications-off",
            phrasings: [
                "How do I turn off email notifications?", "Stop sending me emails", "Unsubscribe from notifications",
            ]),
        Intent(
            id: "notifications-on",
            phrasings: [
                "How do I turn on email notifications?", "Start sending me emails about updates",
                "Subscribe to notifications",
            ]),
        Intent(
            id: "data-privacy",
            phrasings: [
                "Is my data used to train your models?", "Do you train AI on my conversations?",
                "What do you do with my chat data?",
            ]),
        Intent(
            id: "sso",
            phrasings: [
                "Do you support single sign-on?", "How do I set up SSO with Okta?", "Can we log in with SAML?",
            ]),
    ]

    private static let oneOffTemplates = [
        "My order #%d has not arrived yet, what should I do?",
        "Why was I charged %d dollars on my last invoice?",
        "Is ticket %d about my login problem resolved?",
        "Can you check why export job %d failed?",
        "My workspace %d shows an error when I open the dashboard",
        "Please explain line item %d on my bill",
    ]

    /// Each template cut at its `%d`, once, so a question is the parts joined around its number.
    private static let oneOffTemplateParts = oneOffTemplates.map { $0.components(separatedBy: "%d") }

    /// A question about one order, invoice or ticket: asked once, never again in the same words.
    static func oneOff(_ random: inout SeededGenerator) -> String {
        let template = oneOffTemplateParts[Int(random.next() % UInt64(oneOffTemplateParts.count))]
        let number = 1000 + Int(random.next() % 90_000)
        return template.joined(separator: String(number))
    }
}
