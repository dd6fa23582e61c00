using System.Text;
using System.Buffers;
using System.Text.RegularExpressions;
using PolicyArchiver.Extraction;
using PolicyArchiver.Insight.Language;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Capture;

/// <summary>
/// Decides whether a page is the document or a page standing in its way — a bot challenge, a
/// captcha or login wall, an empty placeholder — from what the page <em>is</em>, not from what it
/// loads: a challenge is a page served instead of the policy, with little text of its own; a
/// policy page that happens to load a detection script is the policy. The one place where
/// <c>blocked</c> is decided, for our own captures and for imported ones.
/// </summary>
/// <remarks>
/// The rule, on the document's extracted text less the lines that are a wall's stock phrases
/// ("text of its own"):
/// <list type="number">
/// <item>An interstitial's marker (<see cref="BlockMarkers.Interstitials"/>, the <c>cf-mitigated</c>
/// header, a redirect to a login page, a title or first heading that is a wall's stock phrase such
/// as "Access Denied") blocks, unless the page also has
/// <see cref="SubstantialText"/> letters of text of its own in the document's language.</item>
/// <item>A marker that ordinary pages carry too (<see cref="BlockMarkers.Widgets"/>, a password
/// field) blocks only a page with fewer than <see cref="LittleText"/> letters of text of its own, or
/// with fewer than <see cref="SubstantialText"/> in a language other than the document's.</item>
/// <item>With no wall, a page with fewer than <see cref="MinimumLetters"/> letters of text is empty
/// or a placeholder — or its <c>select</c> matched nothing, which the verdict then says.</item>
/// </list>
/// Losing a whole document is the worst an archive can do, so a marker never outweighs a page
/// that plainly holds the document.
/// </remarks>
internal static partial class BlockDetector
{
    /// <summary>Fewer letters than this is a placeholder ("Loading…"), not a policy.</summary>
    public const int MinimumLetters = 40;

    /// <summary>
    /// A page with a wall's widget and fewer letters than this of text of its own is the wall. A wall
    /// says a sentence or two beyond its stock phrases (a few dozen to 250 letters); the shortest
    /// complete consent form or notice runs to several hundred.
    /// </summary>
    public const int LittleText = 300;

    /// <summary>
    /// From this many letters of text of its own in the document's language a page is the document,
    /// whatever marker it carries: no interstitial says that much (a policy page says far more).
    /// </summary>
    public const int SubstantialText = 1500;

    [GeneratedRegex(@"/(login|signin|sign-in|auth|sso|account/login|oauth)(/|$|\?)", RegexOptions.IgnoreCase)]
    private static partial Regex LoginPath();

    [GeneratedRegex("""<input[^>]+type\s*=\s*["']?password""", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInput();

    [GeneratedRegex("<title[^>]*>([^<]{1,300})</title>", RegexOptions.IgnoreCase)]
    private static partial Regex TitleElement();

    private static readonly string[] Markers = [.. BlockMarkers.Interstitials.Select(m => m.Marker), .. BlockMarkers.Widgets.Select(m => m.Marker)];

    /// <summary>
    /// Every ASCII marker at once, so that a page of a megabyte is read once, not once per marker.
    /// ASCII-only values take .NET's vectorised search; a single Cyrillic one would send every page
    /// through a character-by-character Unicode case fold, most of an import's time.
    /// </summary>
    private static readonly SearchValues<string> AnyMarker = SearchValues.Create(Markers.Where(m => Ascii.IsValid(m)).ToArray(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The few markers in Cyrillic, each looked for on its own, in the letter cases pages write them
    /// in (as written, lower, capitalised, upper): an ordinal search is vectorised, a Unicode
    /// case-insensitive one is not.
    /// </summary>
    private static readonly (string Marker, string[] Forms)[] NonAsciiMarkers = Markers.Where(m => !Ascii.IsValid(m))
        .Select(m => (m, new[] { m, m.ToLowerInvariant(), char.ToUpperInvariant(m[0]) + m[1..].ToLowerInvariant(), m.ToUpperInvariant() }.Distinct().ToArray()))
        .ToArray();

    private static readonly SearchValues<string> AnyWallPhrase = SearchValues.Create(BlockMarkers.WallPhrases, StringComparison.OrdinalIgnoreCase);

    private sealed record Signal(string Name, bool Interstitial);

    public static BlockVerdict Judge(Document document, PageContent page)
    {
        var total = Letters(page.Text);
        var unmatched = total < MinimumLetters && document.Select.Count > 0 && page.Markup is { } markup && !HtmlExtractor.Selects(markup, document.Select);
        // A select that matched nothing says nothing about the page: then whether it is a wall is
        // judged on the text the page shows without the select.
        var text = unmatched ? HtmlExtractor.Extract(page.Markup!, ExtractionRules.Default, page.Final) : page.Text;
        var signals = Signals(page, text);
        // No wall in sight (most pages): only whether there is any text at all is left to judge.
        if (signals.Count > 0 && WallIn(document, text, signals) is { } wall) return wall;
        if (unmatched) return BlockVerdict.NoText($"select {string.Join(", ", document.Select.Select(s => $"'{s}'"))} matched nothing");
        if (total < MinimumLetters) return BlockVerdict.NoText($"empty or placeholder page: {total} letters of text");
        return BlockVerdict.Document(signals.Select(s => s.Name).ToList());
    }

    /// <summary>Whether the signals a page carries stand instead of the document: it has too little text of its own, or not in its language.</summary>
    private static BlockVerdict? WallIn(Document document, string text, List<Signal> signals)
    {
        var own = OwnText(text);
        var letters = Letters(own);
        var language = LanguageDetector.Detect(own);
        var inLanguage = language.Serves(document.Language);
        string Why(Signal s) => $"{s.Name} on a page with {letters} letters of text of its own" +
                                (inLanguage ? "" : $", in {language.Describe()} where {document.Language} is expected");

        var substantial = letters >= SubstantialText && inLanguage;
        if (!substantial && signals.FirstOrDefault(s => s.Interstitial) is { } interstitial) return BlockVerdict.Wall(Why(interstitial));
        var little = letters < LittleText || !inLanguage && letters < SubstantialText;
        if (little && signals.FirstOrDefault(s => !s.Interstitial) is { } widget) return BlockVerdict.Wall(Why(widget));
        return null;
    }

    /// <summary>The wall signals a page carries, one per vendor, each with the marker it was found by.</summary>
    private static List<Signal> Signals(PageContent page, string text)
    {
        var signals = new List<Signal>();
        var vendors = new HashSet<string>(StringComparer.Ordinal);
        void Add(string vendor, string marker, bool interstitial)
        {
            if (vendors.Add(vendor)) signals.Add(new Signal($"{vendor} ({marker})", interstitial));
        }

        if (page.Headers.TryGetValue("cf-mitigated", out var cf) && cf.Contains("challenge", StringComparison.OrdinalIgnoreCase))
            Add("Cloudflare challenge", "cf-mitigated header", true);
        if (page.Final is { } final && LoginPath().IsMatch(final.AbsolutePath) && !LoginPath().IsMatch(page.Requested.AbsolutePath))
            Add("login wall", $"redirected to {final}", true);

        var markup = MarkupOf(page);
        var present = markup.Markers;
        foreach (var (interstitial, markers) in new[] { (true, BlockMarkers.Interstitials), (false, BlockMarkers.Widgets) })
            foreach (var (marker, vendor) in markers)
                if (present.Contains(marker)) Add(vendor, marker, interstitial);
        if (markup.PasswordField) Add("login form", "password field", false);
        // A page whose title or first heading is a wall's phrase ("Access Denied") is about the wall.
        if (Titles(page, text).FirstOrDefault(t => t.AsSpan().ContainsAny(AnyWallPhrase)) is { } title)
            Add("wall page", $"titled «{title}»", true);
        return signals;
    }

    /// <summary>The wall markers, password field and title the page's markup holds, the same for every document it serves.</summary>
    private sealed record Markup(HashSet<string> Markers, bool PasswordField, string? Title);

    private static Markup MarkupOf(PageContent page) =>
        (Markup)(page.Findings.Value ??= new Markup(MarkersIn(page.Html, page.Dom, page.Final?.AbsoluteUri),
            new[] { page.Html, page.Dom }.Any(m => m is not null && PasswordInput().IsMatch(m)),
            (page.Html ?? page.Dom) is { } html && TitleElement().Match(html) is { Success: true } m ? Shorten(m.Groups[1].Value) : null));

    private static HashSet<string> MarkersIn(params string?[] markups)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var markup in markups)
        {
            for (var rest = markup.AsSpan(); rest.IndexOfAny(AnyMarker) is var i and >= 0; rest = rest[(i + 1)..])
                foreach (var marker in Markers)
                    if (rest[i..].StartsWith(marker, StringComparison.OrdinalIgnoreCase)) present.Add(marker);
            // A page without a Cyrillic letter (most English ones) is not searched for Cyrillic words.
            if (markup is not null && markup.AsSpan().IndexOfAnyInRange('\u0400', '\u04FF') >= 0)
                foreach (var (marker, forms) in NonAsciiMarkers)
                    if (forms.Any(f => markup.Contains(f, StringComparison.Ordinal))) present.Add(marker);
        }
        return present;
    }

    private static IEnumerable<string> Titles(PageContent page, string text)
    {
        if (MarkupOf(page).Title is { } title) yield return title;
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOf('\n')));
        if (firstLine.StartsWith("#")) yield return Shorten(firstLine.TrimStart("# ").ToString());
    }

    private static string Shorten(string title)
    {
        var trimmed = System.Net.WebUtility.HtmlDecode(title).Trim();
        return trimmed.Length <= 80 ? trimmed : trimmed[..79] + "…";
    }

    private static int Letters(string text)
    {
        var letters = 0;
        foreach (var c in text)
            if (char.IsLetter(c)) letters++;
        return letters;
    }

    /// <summary>The text less its lines that are a wall's stock phrases ("Checking your browser…", "Я не робот").</summary>
    private static string OwnText(string text) =>
        text.AsSpan().ContainsAny(AnyWallPhrase)
            ? string.Join('\n', text.Split('\n').Where(line => !line.AsSpan().ContainsAny(AnyWallPhrase)))
            : text;
}
