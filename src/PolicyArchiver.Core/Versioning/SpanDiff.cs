using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace PolicyArchiver.Versioning;

/// <summary>
/// The spans in which two canonical texts of a document differ, each with the words around it.
/// Lines are compared first and only changed lines are compared word by word, so a long policy
/// costs little. A difference too large to be a volatile span (a rewritten section) gives null:
/// it is a change of the document, never noise.
/// </summary>
internal static partial class SpanDiff
{
    /// <summary>More changed lines than this in one place is an edit, not a volatile span.</summary>
    private const int MaxLines = 8;

    /// <summary>More words than this on either side of one span is an edit.</summary>
    private const int MaxTokens = 48;

    /// <summary>More separate spans than this between two captures is an edit.</summary>
    private const int MaxSpans = 24;

    /// <summary>Words on each side of a span that name where it is.</summary>
    private const int ContextTokens = 3;

    private const string LineBreak = "¶";
    private const string Hole = "⟨*⟩";

    [GeneratedRegex(@"[\p{L}\p{N}\p{M}]+|\n|[^\s\p{L}\p{N}\p{M}]")]
    private static partial Regex Token();

    private sealed class TokenChunker : IChunker
    {
        public static readonly TokenChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) => Tokens(text);
    }

    private static string[] Tokens(string text) =>
        Token().Matches(text).Select(m => m.Value == "\n" ? LineBreak : m.Value).ToArray();

    /// <returns>The differing spans (empty when the texts are equal), or null when the difference is an edit.</returns>
    public static IReadOnlyList<SpanChange>? Between(string before, string after)
    {
        if (before == after) return [];
        var lines = Differ.Instance.CreateDiffs(before, after, false, false, LineChunker.Instance);
        if (lines.DiffBlocks.Count > MaxSpans) return null;
        var spans = new List<SpanChange>();
        foreach (var block in lines.DiffBlocks)
        {
            if (block.DeleteCountA > MaxLines || block.InsertCountB > MaxLines) return null;
            // One unchanged line on each side gives a span at a line's start or end its surroundings.
            var from = Math.Max(0, block.DeleteStartA - 1);
            var old = Segment(lines.PiecesOld, from, block.DeleteStartA + block.DeleteCountA + 1);
            var @new = Segment(lines.PiecesNew, Math.Max(0, block.InsertStartB - 1), block.InsertStartB + block.InsertCountB + 1);
            var words = Differ.Instance.CreateDiffs(old, @new, false, false, TokenChunker.Instance);
            if (!AddSpans(words, spans)) return null;
            if (spans.Count > MaxSpans) return null;
        }
        return spans;
    }

    private static string Segment(IReadOnlyList<string> lines, int from, int to) =>
        string.Join("\n", lines.Skip(from).Take(Math.Min(to, lines.Count) - from));

    private static bool AddSpans(DiffResult words, List<SpanChange> spans)
    {
        var oldTokens = words.PiecesOld;
        var newTokens = words.PiecesNew;
        // Hunks widened over the numbers and separators next to them, so "12:34" → "12:35" is one
        // span "12 : 34" and not a span whose surroundings hold the hour that changes next time.
        var hunks = new List<(int A, int ALength, int B, int BLength)>();
        foreach (var d in words.DiffBlocks)
        {
            int a = d.DeleteStartA, aEnd = a + d.DeleteCountA, b = d.InsertStartB, bEnd = b + d.InsertCountB;
            while (a > 0 && b > 0 && Expandable(oldTokens[a - 1]) && oldTokens[a - 1] == newTokens[b - 1]) { a--; b--; }
            while (aEnd < oldTokens.Count && bEnd < newTokens.Count && Expandable(oldTokens[aEnd]) && oldTokens[aEnd] == newTokens[bEnd]) { aEnd++; bEnd++; }
            if (hunks.Count > 0 && a <= hunks[^1].A + hunks[^1].ALength)
            {
                var last = hunks[^1];
                hunks[^1] = (last.A, Math.Max(aEnd, last.A + last.ALength) - last.A, last.B, Math.Max(bEnd, last.B + last.BLength) - last.B);
            }
            else
            {
                hunks.Add((a, aEnd - a, b, bEnd - b));
            }
        }
        foreach (var h in hunks)
        {
            if (h.ALength > MaxTokens || h.BLength > MaxTokens) return false;
            var left = Context(oldTokens, hunks, h.A - 1, -1);
            var right = Context(oldTokens, hunks, h.A + h.ALength, +1);
            spans.Add(new SpanChange(left + " " + Hole + " " + right,
                string.Join(" ", oldTokens.Skip(h.A).Take(h.ALength)), string.Join(" ", newTokens.Skip(h.B).Take(h.BLength))));
        }
        return true;
    }

    /// <summary>Up to <see cref="ContextTokens"/> tokens next to a span; other spans show as holes, so a span's name never holds a volatile value.</summary>
    private static string Context(IReadOnlyList<string> tokens, List<(int A, int ALength, int B, int BLength)> hunks, int start, int step)
    {
        var picked = new List<string>();
        for (var i = start; i >= 0 && i < tokens.Count && picked.Count < ContextTokens;)
        {
            var inside = hunks.FindIndex(h => i >= h.A && i < h.A + h.ALength);
            if (inside >= 0)
            {
                picked.Add(Hole);
                i = step > 0 ? hunks[inside].A + hunks[inside].ALength : hunks[inside].A - 1;
                continue;
            }
            picked.Add(tokens[i]);
            i += step;
        }
        if (step < 0) picked.Reverse();
        return string.Join(" ", picked);
    }

    /// <summary>Numbers, codes with digits, and the separators between them.</summary>
    private static bool Expandable(string token) =>
        token.Any(char.IsDigit) || token.Length == 1 && ":.-/_+=%#,".Contains(token[0]);
}
