using PolicyArchiver.Changes;

namespace PolicyArchiver.Tests.Changes;

public class TextDiffTests
{
    private const string Old = "# Политика\n1.1. Срок хранения 3 года.\n1.2. Данные не передаются.\n1.3. Конец.\n";
    private const string New = "# Политика\n1.1. Срок хранения 5 лет.\n1.3. Конец.\n1.4. Новый пункт о партнёрах.\n";

    [Fact]
    public void Counts_lines_and_words_added_and_removed()
    {
        var counts = TextDiff.Count(Old, New);
        Assert.Equal(2, counts.LinesAdded);
        Assert.Equal(2, counts.LinesRemoved);
        Assert.Equal(2 + 5, counts.WordsAdded); // "5 лет." and "1.4. Новый пункт о партнёрах."
        Assert.Equal(2 + 4, counts.WordsRemoved); // "3 года." and "1.2. Данные не передаются."
    }

    [Fact]
    public void Identical_texts_have_no_differences()
    {
        Assert.Equal(new TextDiff.Counts(0, 0, 0, 0), TextDiff.Count(Old, Old));
    }

    [Fact]
    public void Unified_diff_marks_removed_and_added_lines()
    {
        var diff = TextDiff.Unified(Old, New, "a v1", "a v2");
        Assert.Contains("--- a v1", diff);
        Assert.Contains("+++ a v2", diff);
        Assert.Contains("-1.1. Срок хранения 3 года.", diff);
        Assert.Contains("+1.1. Срок хранения 5 лет.", diff);
        Assert.Contains("-1.2. Данные не передаются.", diff);
        Assert.Contains("+1.4. Новый пункт о партнёрах.", diff);
        Assert.Contains(" 1.3. Конец.", diff);
    }

    [Fact]
    public void Word_level_diff_marks_only_the_changed_words()
    {
        var diff = TextDiff.WordLevel("1.1. Срок хранения 3 года.\n", "1.1. Срок хранения 5 лет.\n");
        Assert.Contains("1.1. Срок хранения [-3-]{+5+} [-года.-]{+лет.+}", diff);
    }

    [Fact]
    public void Word_diff_gives_the_pieces_kept_removed_and_added_that_the_word_level_marks_show()
    {
        var blocks = TextDiff.WordDiff("1.1. Срок хранения 3 года.\n", "1.1. Срок хранения 5 лет.\n");

        var block = Assert.Single(blocks);
        Assert.Equal(1, block.Line);
        Assert.Equal(
            [
                new DiffPiece(DiffPieceKind.Kept, "1.1. Срок хранения "), new DiffPiece(DiffPieceKind.Removed, "3"), new DiffPiece(DiffPieceKind.Added, "5"),
                new DiffPiece(DiffPieceKind.Kept, " "), new DiffPiece(DiffPieceKind.Removed, "года."), new DiffPiece(DiffPieceKind.Added, "лет."),
            ],
            block.Pieces);
    }
}
