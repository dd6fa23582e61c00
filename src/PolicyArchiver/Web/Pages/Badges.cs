using PolicyArchiver.Storage;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>Small pieces of markup that several pages share.</summary>
internal static class Badges
{
    /// <summary>An outcome as a badge: its code as the class (the colour), its name in the page's language.</summary>
    public static string Outcome(string outcome) => $"<span class=\"badge {Html.E(outcome)}\">{Html.E(OutcomeName(outcome))}</span>";

    public static string Outcome(Model.Outcome outcome) => Outcome(outcome.ToWire());

    /// <summary>A discovery's outcome is stored as text: a value this version does not know is shown as it is.</summary>
    public static string OutcomeName(string outcome) => Outcomes.TryParse(outcome, out var known) ? OutcomeName(known) : outcome;

    public static string OutcomeName(Model.Outcome outcome)
    {
        var t = SiteText.Current;
        return outcome switch
        {
            Model.Outcome.Ok => t.OutcomeOk,
            Model.Outcome.NotFound => t.OutcomeNotFound,
            Model.Outcome.HttpError => t.OutcomeHttpError,
            Model.Outcome.NetworkError => t.OutcomeNetworkError,
            Model.Outcome.Timeout => t.OutcomeTimeout,
            Model.Outcome.Blocked => t.OutcomeBlocked,
            _ => outcome.ToWire(),
        };
    }

    /// <summary>"reachable since …" or "failing since …, N attempts": how researchers read availability.</summary>
    public static string Availability(Availability a)
    {
        var t = SiteText.Current;
        if (a.LastAttempt is null) return $"<span class=\"badge none\">{Html.E(t.NeverCaptured)}</span>";
        var since = a.StreakSince is { } s ? " " + Html.Fill(t.Since, Html.TimeTag(s)) : "";
        return a.LastAttempt.Outcome == Model.Outcome.Ok
            ? $"<span class=\"badge ok\">{Html.E(t.Reachable)}</span>{since}"
            : $"{Outcome(a.LastAttempt.Outcome)}{since}, {Attempts(a.StreakAttempts)}{(a.NeverArchived ? ", " + NeverArchived : "")}";
    }

    public static string NeverArchived => $"<span class=\"badge blocked\">{Html.E(SiteText.Current.NeverArchived)}</span>";

    private static string Attempts(int n) => SiteText.F(n == 1 ? SiteText.Current.AttemptOne : SiteText.Current.AttemptMany, n);

    /// <summary>
    /// What a blocked document's page opens with: since when a wall has stood in its way, what the
    /// wall was, and whether the archive holds any version of it at all. Empty when not blocked.
    /// </summary>
    public static string BlockedWarning(Availability a)
    {
        if (!a.Blocked) return "";
        var t = SiteText.Current;
        var since = a.StreakSince is { } s ? " " + Html.Fill(t.Since, Html.TimeTag(s)) : "";
        var held = a.NeverArchived ? Html.E(t.NoVersionHeld)
            : a.LastSuccessAt is { } ok ? Html.Fill(t.LatestCapturedBeforeOn, Html.TimeTag(ok)) : Html.E(t.LatestCapturedBefore);
        return $"<div class=\"warning\" role=\"alert\"><strong>{Html.E(t.Blocked)}{since}{(a.NeverArchived ? ", " + Html.E(t.NeverArchived) : "")}.</strong> " +
               $"{Html.Fill(t.BlockedWall, Html.E(Attempts(a.StreakAttempts)), Html.E(a.LastAttempt!.Detail ?? "blocked"))} {held}</div>\n";
    }

    public static string Counts(int added, int removed) => $"<span class=\"add\">+{added}</span> <span class=\"del\">−{removed}</span>";

    public static string DocumentLabel(DocumentView d) => d.Title is { Length: > 0 } title ? title : $"{d.Type} ({Html.Language(d.Language)})";

    public static string Technical => $"<span class=\"badge technical\">{Html.E(SiteText.Current.Technical)}</span>";

    public static string ChangeRow(NumberedChange c, string? documentLabel)
    {
        var t = SiteText.Current;
        var change = c.Change;
        var label = documentLabel is null ? "" : $"<td><a href=\"{Html.DocumentPath(change.Document)}\">{Html.E(documentLabel)}</a></td>";
        return $"<tr>{label}<td>{Html.TimeTag(change.At)}</td><td><a href=\"{Html.ChangePath(change.Document, c.Number)}\">v{change.FromVersion} → v{change.ToVersion}</a>{(change.Technical ? " " + Technical : "")}</td>" +
               $"<td>{Html.E(t.LinesLower)} {Counts(change.LinesAdded, change.LinesRemoved)}</td><td>{Html.E(t.WordsLower)} {Counts(change.WordsAdded, change.WordsRemoved)}</td></tr>\n";
    }
}
