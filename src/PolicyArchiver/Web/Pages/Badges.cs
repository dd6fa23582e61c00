using PolicyArchiver.Storage;

namespace PolicyArchiver.Web.Pages;

/// <summary>Small pieces of markup that several pages share.</summary>
internal static class Badges
{
    public static string Outcome(string outcome) => $"<span class=\"badge {Html.E(outcome)}\">{Html.E(outcome)}</span>";

    /// <summary>"reachable since …" or "failing since …, N attempts": how researchers read availability.</summary>
    public static string Availability(Availability a)
    {
        if (a.LastAttempt is null) return "<span class=\"badge none\">never captured</span>";
        var since = a.StreakSince is { } s ? $" since {Html.TimeTag(s)}" : "";
        return a.LastAttempt.Outcome == Storage.Outcome.Ok
            ? $"<span class=\"badge ok\">reachable</span>{since}"
            : $"{Outcome(a.LastAttempt.Outcome)}{since}, {a.StreakAttempts} attempt{(a.StreakAttempts == 1 ? "" : "s")}{(a.NeverArchived ? ", " + NeverArchived : "")}";
    }

    public const string NeverArchived = "<span class=\"badge blocked\">never archived</span>";

    /// <summary>
    /// What a blocked document's page opens with: since when a wall has stood in its way, what the
    /// wall was, and whether the archive holds any version of it at all. Empty when not blocked.
    /// </summary>
    public static string BlockedWarning(Availability a)
    {
        if (!a.Blocked) return "";
        var since = a.StreakSince is { } s ? $" since {Html.TimeTag(s)}" : "";
        var held = a.NeverArchived
            ? "The archive holds no version of this document."
            : $"The latest version shown was captured before{(a.LastSuccessAt is { } ok ? $", on {Html.TimeTag(ok)}" : "")}, and may be out of date.";
        return $"<div class=\"warning\" role=\"alert\"><strong>Blocked{since}{(a.NeverArchived ? ", never archived" : "")}.</strong> " +
               $"{a.StreakAttempts} attempt{(a.StreakAttempts == 1 ? "" : "s")} got a page standing in the document's way instead of it " +
               $"(last: {Html.E(a.LastAttempt!.Detail ?? "blocked")}). {held}</div>\n";
    }

    public static string Counts(int added, int removed) => $"<span class=\"add\">+{added}</span> <span class=\"del\">−{removed}</span>";

    public static string DocumentLabel(DocumentView d) => d.Title is { Length: > 0 } title ? title : $"{d.Type} ({Html.Language(d.Language)})";

    public static string ChangeRow(NumberedChange c, string? documentLabel)
    {
        var change = c.Change;
        var label = documentLabel is null ? "" : $"<td><a href=\"{Html.DocumentPath(change.Document)}\">{Html.E(documentLabel)}</a></td>";
        return $"<tr>{label}<td>{Html.TimeTag(change.At)}</td><td><a href=\"{Html.ChangePath(change.Document, c.Number)}\">v{change.FromVersion} → v{change.ToVersion}</a>{(change.Technical ? " <span class=\"badge technical\">technical</span>" : "")}</td>" +
               $"<td>lines {Counts(change.LinesAdded, change.LinesRemoved)}</td><td>words {Counts(change.WordsAdded, change.WordsRemoved)}</td></tr>\n";
    }
}
