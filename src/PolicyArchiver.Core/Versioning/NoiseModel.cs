namespace PolicyArchiver.Versioning;

/// <summary>
/// What a document's own history says is volatile. Each pair of consecutive captures is compared
/// (<see cref="Learn"/>); a span that differs while the text around it is stable, and keeps
/// changing — a new value nearly every capture, or flipping between values — is noise for that
/// document. When a version is decided (<see cref="Covers"/>), a difference is ignored only where
/// such a span has a value like those it had before: a value of another kind in the same place
/// (a real e-mail address where a token changed) is a change. Derived data: it can be learned again
/// from the observations at any time.
/// </summary>
internal sealed class NoiseModel
{
    internal const int MaxValues = 8;
    private const int MaxShapes = 16;
    private const int MaxSpans = 400;

    /// <summary>A span that changed at least this many times…</summary>
    private const int MinChanges = 3;

    /// <summary>…in at least this share of the captures while it was changing, is volatile.</summary>
    private const double MinRate = 0.3;

    /// <summary>A span that flips between two values stops counting as noise after this many captures without a flip: it has settled.</summary>
    private const int SettledAfter = 8;

    /// <summary>Characters of a common prefix or suffix that random values may share by chance.</summary>
    private const int ChanceOverlap = 2;

    /// <summary>Consecutive captures compared so far.</summary>
    public int Pairs { get; set; }

    /// <summary>The text (SHA-256) and observation the next capture is compared with.</summary>
    public string? LastTextSha { get; set; }

    public long LastObservationId { get; set; }

    public List<NoiseSpan> Spans { get; set; } = [];

    /// <summary>Learns from two consecutive captures' canonical texts.</summary>
    /// <param name="confirmed">The two are fetches of the page moments apart: whatever differs is volatile.</param>
    public void Learn(string before, string after, DateTimeOffset at, bool confirmed = false)
    {
        Pairs++;
        if (before == after || SpanDiff.Between(before, after) is not { } changes) return;
        foreach (var change in changes)
        {
            var span = Spans.Find(s => s.Context == change.Context);
            if (span is null)
            {
                span = new NoiseSpan { Context = change.Context, FirstPair = Pairs, Since = at };
                Spans.Add(span);
            }
            span.Changes++;
            span.LastPair = Pairs;
            span.LastSeen = at;
            span.Confirmed |= confirmed;
            Remember(span.Values, change.Before, MaxValues);
            Remember(span.Values, change.After, MaxValues);
            if (Shape(change.Before) is { } b) Remember(span.Shapes, b, MaxShapes);
            if (Shape(change.After) is { } a) Remember(span.Shapes, a, MaxShapes);
        }
        if (Spans.Count > MaxSpans)
        {
            // What changed once long ago is forgotten first; volatile spans are kept.
            var keep = Spans.OrderByDescending(IsVolatile).ThenByDescending(s => s.LastPair).Take(MaxSpans).ToHashSet();
            Spans.RemoveAll(s => !keep.Contains(s));
        }
    }

    /// <summary>
    /// Whether every difference between the current version's text and a new one lies in a
    /// volatile span and has a value like those seen there before.
    /// </summary>
    /// <param name="keep">Values that are always a change, wherever they are (targets.json <c>noise.keep</c>).</param>
    /// <param name="known">
    /// The model as it was before the latest captures were learned: a place it already knew as
    /// volatile must keep the kind of value it had there, even though this model has since
    /// learned the new values too (a code next to a mailbox that changed).
    /// </param>
    public bool Covers(string version, string text, Func<string, bool>? keep = null, NoiseModel? known = null)
    {
        if (version == text) return true;
        if (Spans.Count == 0 || SpanDiff.Between(version, text) is not { } changes) return false;
        return changes.All(c =>
        {
            if (keep is not null && (keep(c.Before) || keep(c.After))) return false;
            if (known?.Spans.Find(s => s.Context == c.Context) is { } before && known.IsVolatile(before)) return Fits(before, c.After);
            return Spans.Find(s => s.Context == c.Context) is { } span && IsVolatile(span) && Fits(span, c.After);
        });
    }

    /// <summary>A copy to learn on without changing this one.</summary>
    public NoiseModel Clone() => new()
    {
        Pairs = Pairs,
        LastTextSha = LastTextSha,
        LastObservationId = LastObservationId,
        Spans = Spans.Select(s => new NoiseSpan
        {
            Context = s.Context, Values = [.. s.Values], Shapes = [.. s.Shapes], Changes = s.Changes, FirstPair = s.FirstPair,
            LastPair = s.LastPair, Since = s.Since, LastSeen = s.LastSeen, Confirmed = s.Confirmed,
        }).ToList(),
    };

    public bool IsVolatile(NoiseSpan span)
    {
        if (span.Values.Count < 2) return false;
        var active = span.LastPair - span.FirstPair + 1;
        var frequent = span.Changes >= MinChanges && span.Changes >= MinRate * active;
        if (span.Values.Count == 2)
            // Two values could be an old and a new text while a site is being deployed: volatile
            // only while it keeps flipping, so a text that settles on the new value is a change.
            return (span.Confirmed || span.Changes > MinChanges && frequent) && Pairs - span.LastPair <= SettledAfter;
        return frequent || span.Confirmed;
    }

    public IEnumerable<NoiseSpan> VolatileSpans => Spans.Where(IsVolatile);

    /// <summary>
    /// A value seen there before, or one of the same shape that keeps what all values had in common
    /// at their start and end: "privacy3f9a…@" varies in its code, and "dpo8c1e…@" is another mailbox.
    /// </summary>
    private static bool Fits(NoiseSpan span, string value)
    {
        if (span.Values.Contains(value)) return true;
        if (Shape(value) is not { } shape || !span.Shapes.Contains(shape)) return false;
        // A few random codes may also share a character or two by chance ("…3f", "…3a"): those are
        // left out of what every value must keep, and a common part shorter than 3 asks nothing.
        var prefix = span.Values.Aggregate((a, b) => a[..CommonPrefix(a, b)]);
        prefix = prefix[..Math.Max(0, prefix.Length - ChanceOverlap)];
        var suffix = span.Values.Aggregate((a, b) => a[^CommonSuffix(a, b)..]);
        suffix = suffix[Math.Min(suffix.Length, ChanceOverlap)..];
        return (prefix.Length < 3 || value.StartsWith(prefix, StringComparison.Ordinal))
               && (suffix.Length < 3 || value.EndsWith(suffix, StringComparison.Ordinal));
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    private static int CommonSuffix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[^(n + 1)] == b[^(n + 1)]) n++;
        return n;
    }

    /// <summary>
    /// The shape of a value made of numbers or codes: digits as <c>9</c>, words with digits as
    /// <c>x</c>, separators as they are. Prose has no shape: only the values seen before match it.
    /// </summary>
    internal static string? Shape(string value)
    {
        var tokens = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || !tokens.Any(t => t.Any(char.IsDigit))) return null;
        return string.Join(" ", tokens.Select(t =>
            t.All(char.IsDigit) ? "9"
            : t.Any(char.IsDigit) ? "x"
            : t.All(char.IsLetter) ? (t.Length >= 16 ? "x" : t)
            : t));
    }

    private static void Remember(List<string> list, string value, int max)
    {
        list.Remove(value);
        list.Add(value);
        if (list.Count > max) list.RemoveAt(0);
    }
}
