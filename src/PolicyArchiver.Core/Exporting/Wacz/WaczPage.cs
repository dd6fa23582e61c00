namespace PolicyArchiver.Exporting.Wacz;

/// <summary>One line of <c>pages/pages.jsonl</c>: a capture a replay tool offers as an entry point.</summary>
/// <param name="Ts">RFC 3339, the date of the capture's final response record (after redirects), so replay lands on exactly that capture.</param>
internal sealed record WaczPage(string Id, string Url, string Ts, string Title);
