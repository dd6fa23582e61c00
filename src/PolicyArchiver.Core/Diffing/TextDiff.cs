using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Renderer;

namespace PolicyArchiver.Diffing;

/// <summary>Line- and word-level differences between two versions' texts, through DiffPlex.</summary>
public static class TextDiff
{
    public sealed record Counts(int LinesAdded, int LinesRemoved, int WordsAdded, int WordsRemoved);

    public static Counts Count(string oldText, string newText)
    {
        var lines = Differ.Instance.CreateDiffs(oldText, newText, false, false, LineChunker.Instance);
        var words = Differ.Instance.CreateDiffs(oldText, newText, true, false, WordChunker.Instance);
        return new Counts(
            lines.DiffBlocks.Sum(b => b.InsertCountB),
            lines.DiffBlocks.Sum(b => b.DeleteCountA),
            words.DiffBlocks.Sum(b => b.InsertCountB - CountWhitespace(words.PiecesNew, b.InsertStartB, b.InsertCountB)),
            words.DiffBlocks.Sum(b => b.DeleteCountA - CountWhitespace(words.PiecesOld, b.DeleteStartA, b.DeleteCountA)));
    }

    private static int CountWhitespace(IReadOnlyList<string> pieces, int start, int count)
    {
        var n = 0;
        for (var i = start; i < start + count; i++)
            if (string.IsNullOrWhiteSpace(pieces[i])) n++;
        return n;
    }

    /// <summary>A unified diff (as <c>diff -u</c> prints it) with three lines of context.</summary>
    public static string Unified(string oldText, string newText, string oldLabel, string newLabel) =>
        new UnidiffRenderer(Differ.Instance, 3).Generate(oldText, newText, oldLabel, newLabel, false, false);

    /// <summary>
    /// Changed lines with word-level marks, <c>[-removed-]{+added+}</c> as <c>git diff --word-diff</c>
    /// prints them; unchanged lines are left out.
    /// </summary>
    public static string WordLevel(string oldText, string newText)
    {
        var lines = Differ.Instance.CreateDiffs(oldText, newText, false, false, LineChunker.Instance);
        var sb = new StringBuilder();
        foreach (var block in lines.DiffBlocks)
        {
            var removed = string.Join("\n", lines.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            var added = string.Join("\n", lines.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            sb.Append("@@ line ").Append(block.InsertStartB + 1).Append(" @@\n");
            var words = Differ.Instance.CreateDiffs(removed, added, false, false, WordChunker.Instance);
            var position = 0;
            foreach (var w in words.DiffBlocks)
            {
                for (; position < w.DeleteStartA; position++) sb.Append(words.PiecesOld[position]);
                if (w.DeleteCountA > 0) sb.Append("[-").Append(string.Concat(words.PiecesOld.Skip(w.DeleteStartA).Take(w.DeleteCountA))).Append("-]");
                if (w.InsertCountB > 0) sb.Append("{+").Append(string.Concat(words.PiecesNew.Skip(w.InsertStartB).Take(w.InsertCountB))).Append("+}");
                position = w.DeleteStartA + w.DeleteCountA;
            }
            for (; position < words.PiecesOld.Count; position++) sb.Append(words.PiecesOld[position]);
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
