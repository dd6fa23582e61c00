using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;
using DiffPlex.Renderer;
using PolicyArchiver.Extraction;

namespace PolicyArchiver.Changes;

/// <summary>Line- and word-level differences between two versions' texts, through DiffPlex.</summary>
internal static class TextDiff
{
    /// <summary>Words are what lies between whitespace: "5 лет." is two words, not four pieces.</summary>
    private static readonly IChunker Words = new DelimiterChunker([' ', '\n', '\t']);

    public sealed record Counts(int LinesAdded, int LinesRemoved, int WordsAdded, int WordsRemoved);

    public static Counts Count(string oldText, string newText)
    {
        var (lines, blocks) = ChangedBlocks(oldText, newText);
        int wordsAdded = 0, wordsRemoved = 0;
        foreach (var (_, words, _, _) in blocks)
        {
            wordsAdded += words.DiffBlocks.Sum(b => b.InsertCountB - CountWhitespace(words.PiecesNew, b.InsertStartB, b.InsertCountB));
            wordsRemoved += words.DiffBlocks.Sum(b => b.DeleteCountA - CountWhitespace(words.PiecesOld, b.DeleteStartA, b.DeleteCountA));
        }
        return new Counts(lines.DiffBlocks.Sum(b => b.InsertCountB), lines.DiffBlocks.Sum(b => b.DeleteCountA), wordsAdded, wordsRemoved);
    }

    /// <summary>
    /// Each block of changed lines with the word diff of its old against its new lines. Diffing
    /// words within changed lines, not across the whole text, keeps a word diff from matching
    /// "1.3." in one clause with "1.3." in another. Texts are compared with look-alike letters
    /// folded (Latin ə for Cyrillic ә is no change), and the words are given as served.
    /// </summary>
    private static (DiffResult Lines, List<(DiffBlock Lines, DiffResult Words, IReadOnlyList<string> OldWords, IReadOnlyList<string> NewWords)> Blocks) ChangedBlocks(
        string oldText, string newText)
    {
        var lines = Differ.Instance.CreateDiffs(LookAlikes.Folded(oldText), LookAlikes.Folded(newText), false, false, LineChunker.Instance);
        // Folding keeps every character's position, so the texts as served split into the same pieces.
        var (oldLines, newLines) = (LineChunker.Instance.Chunk(oldText), LineChunker.Instance.Chunk(newText));
        var blocks = new List<(DiffBlock, DiffResult, IReadOnlyList<string>, IReadOnlyList<string>)>();
        foreach (var block in lines.DiffBlocks)
        {
            var removed = string.Join("\n", oldLines.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            var added = string.Join("\n", newLines.Skip(block.InsertStartB).Take(block.InsertCountB));
            blocks.Add((block, Differ.Instance.CreateDiffs(LookAlikes.Folded(removed), LookAlikes.Folded(added), false, false, Words),
                Words.Chunk(removed), Words.Chunk(added)));
        }
        return (lines, blocks);
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
        var sb = new StringBuilder();
        foreach (var block in WordDiff(oldText, newText))
        {
            sb.Append("@@ line ").Append(block.Line).Append(" @@\n");
            foreach (var piece in block.Pieces)
                sb.Append(piece.Kind switch
                {
                    DiffPieceKind.Removed => "[-" + piece.Text + "-]",
                    DiffPieceKind.Added => "{+" + piece.Text + "+}",
                    _ => piece.Text,
                });
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The changed lines as pieces kept, removed and added, for readers that mark changes their own
    /// way (HTML) and cannot parse <see cref="WordLevel"/>'s marks back: a text may contain them.
    /// </summary>
    public static IReadOnlyList<ChangedLines> WordDiff(string oldText, string newText)
    {
        var blocks = new List<ChangedLines>();
        foreach (var (block, words, oldWords, newWords) in ChangedBlocks(oldText, newText).Blocks)
        {
            var pieces = new List<DiffPiece>();
            var position = 0;
            foreach (var w in words.DiffBlocks)
            {
                Add(pieces, DiffPieceKind.Kept, oldWords, position, w.DeleteStartA - position);
                Add(pieces, DiffPieceKind.Removed, oldWords, w.DeleteStartA, w.DeleteCountA);
                Add(pieces, DiffPieceKind.Added, newWords, w.InsertStartB, w.InsertCountB);
                position = w.DeleteStartA + w.DeleteCountA;
            }
            Add(pieces, DiffPieceKind.Kept, oldWords, position, oldWords.Count - position);
            blocks.Add(new ChangedLines(block.InsertStartB + 1, pieces));
        }
        return blocks;
    }

    private static void Add(List<DiffPiece> pieces, DiffPieceKind kind, IReadOnlyList<string> words, int start, int count)
    {
        if (count > 0) pieces.Add(new DiffPiece(kind, string.Concat(words.Skip(start).Take(count))));
    }
}
