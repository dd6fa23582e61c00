using System.Text;
using PolicyArchiver.Changes;
using PolicyArchiver.Insight;
using PolicyArchiver.Insight.Clauses;
using PolicyArchiver.Insight.Topics;

namespace PolicyArchiver.Tests.Insight;

/// <summary>What changed clause by clause between two versions, and the topics each change is tagged with (built-in lexicon).</summary>
public class ClauseComparerTests
{
    private static ChangeInsight Compare(string before, string after) =>
        ChangeInsight.Of(ClauseFixtures.Read(before), ClauseFixtures.Read(after), TopicLexiconLoader.Embedded);

    private static string Describe(ClauseChange c) =>
        $"{c.Kind} {(c.From is { } from ? from + "→" : "")}{c.Id}";

    [Fact]
    public void Renumbering_after_an_inserted_clause_moves_clauses_instead_of_removing_and_adding_them()
    {
        var insight = Compare("ru-diff-v1.txt", "ru-diff-v2.txt");

        Assert.Equal(
            ["Added 3.2", "Moved 3.2→3.3", "Moved 3.3→3.4", "Moved 3.4→3.5", "Modified 4.1", "Removed 4.2", "Added 5.2"],
            insight.Clauses.Select(Describe));
    }

    [Fact]
    public void A_clause_moved_unchanged_has_no_diff_and_no_topics()
    {
        var moved = Compare("ru-diff-v1.txt", "ru-diff-v2.txt").Clauses.Single(c => c.Id == "3.5");

        Assert.Equal(ClauseChangeKind.Moved, moved.Kind);
        Assert.Equal("3.4", moved.From);
        Assert.False(moved.TextChanged);
        Assert.Empty(moved.Diff);
        Assert.Empty(moved.Topics);
    }

    [Fact]
    public void A_clause_moved_and_edited_is_moved_with_its_word_diff_and_topics()
    {
        var moved = Compare("ru-diff-v1.txt", "ru-diff-v2.txt").Clauses.Single(c => c.Id == "3.4");

        Assert.Equal(ClauseChangeKind.Moved, moved.Kind);
        Assert.Equal("3.3", moved.From);
        Assert.True(moved.TextChanged);
        Assert.Contains(moved.Diff, p => p.Kind == DiffPieceKind.Added && p.Text.Contains("СНГ"));
        Assert.Contains("cross-border", moved.Topics);
    }

    [Fact]
    public void A_modified_clause_has_its_word_diff_and_the_topics_of_its_changed_sentence()
    {
        var modified = Compare("ru-diff-v1.txt", "ru-diff-v2.txt").Clauses.Single(c => c.Id == "4.1");

        Assert.Equal(ClauseChangeKind.Modified, modified.Kind);
        Assert.Equal("4. Хранение", modified.Heading);
        Assert.Equal(
            [(DiffPieceKind.Removed, "3"), (DiffPieceKind.Added, "5"), (DiffPieceKind.Removed, "года"), (DiffPieceKind.Added, "лет")],
            modified.Diff.Where(p => p.Kind != DiffPieceKind.Kept).Select(p => (p.Kind, p.Text)));
        // «3 года» → «5 лет» names no topic; the sentence it changes is about retention.
        Assert.Equal(["retention"], modified.Topics);
    }

    [Fact]
    public void Added_and_removed_clauses_are_tagged_from_their_whole_text()
    {
        var clauses = Compare("ru-diff-v1.txt", "ru-diff-v2.txt").Clauses.ToDictionary(Describe);

        Assert.Equal(["third-parties", "targeted-advertising"], clauses["Added 3.2"].Topics);
        Assert.Equal(["algorithms"], clauses["Removed 4.2"].Topics);
        Assert.Contains("breach-notification", clauses["Added 5.2"].Topics);
        Assert.Equal("5. Файлы cookie", clauses["Added 5.2"].Heading);
        Assert.Null(clauses["Added 5.2"].Before);
        Assert.Null(clauses["Removed 4.2"].After);
    }

    [Fact]
    public void A_change_touches_the_union_of_its_clauses_topics_in_lexicon_order()
    {
        var insight = Compare("ru-diff-v1.txt", "ru-diff-v2.txt");

        var union = insight.Clauses.SelectMany(c => c.Topics).ToHashSet();
        Assert.Equal(TopicLexiconLoader.Embedded.Ids.Where(union.Contains), insight.Topics);
        Assert.Contains("retention", insight.Topics);
        Assert.DoesNotContain("cookies", insight.Topics); // 5.1 on cookies did not change
    }

    [Fact]
    public void Kazakh_changes_are_tagged_from_kazakh_keywords()
    {
        var clauses = Compare("kk-diff-v1.txt", "kk-diff-v2.txt").Clauses.ToDictionary(Describe);

        Assert.Equal(["Modified 5.9", "Added 5.11"], clauses.Keys);
        Assert.Contains("cross-border", clauses["Modified 5.9"].Topics);
        Assert.Contains("targeted-advertising", clauses["Added 5.11"].Topics);
        Assert.Contains("algorithms", clauses["Added 5.11"].Topics);
        Assert.DoesNotContain("third-parties", clauses["Modified 5.9"].Topics);
    }

    [Fact]
    public void Identical_texts_have_no_clause_changes()
    {
        var text = ClauseFixtures.Read("ru-diff-v1.txt");

        Assert.Empty(ChangeInsight.Of(text, text, TopicLexiconLoader.Embedded).Clauses);
    }

    [Fact]
    public void Editions_that_differ_only_by_bullets_before_their_numbers_match_clause_for_clause()
    {
        Assert.Empty(Compare("ru-diff-v1-bulleted.txt", "ru-diff-v1.txt").Clauses);
        Assert.Equal(Compare("ru-diff-v1.txt", "ru-diff-v2.txt").Clauses.Select(Describe), Compare("ru-diff-v1-bulleted.txt", "ru-diff-v2.txt").Clauses.Select(Describe));
    }

    [Fact]
    public void A_clause_rewritten_in_place_is_modified()
    {
        var insight = ChangeInsight.Of("1.1. Данные хранятся три года.\n", "1.1. Совершенно другой текст о файлах cookie.\n", TopicLexiconLoader.Embedded);

        var change = Assert.Single(insight.Clauses);
        Assert.Equal(ClauseChangeKind.Modified, change.Kind);
        Assert.Equal(["retention", "cookies"], change.Topics);
    }

    [Fact]
    public void A_large_policy_with_scattered_edits_reports_exactly_those_edits()
    {
        var (before, after) = LargePolicy();
        Assert.True(Encoding.UTF8.GetByteCount(before) > 300_000);

        var insight = ChangeInsight.Of(before, after, TopicLexiconLoader.Embedded);

        Assert.Equal(["Modified 12.3", "Removed 40.2", "Added 77.9"], insight.Clauses.Select(Describe));
    }

    /// <summary>
    /// A policy of a hundred sections of eight clauses (≈ 300 KB of Russian), and a version with
    /// one clause edited, one removed and one added, far apart.
    /// </summary>
    internal static (string Before, string After) LargePolicy()
    {
        var sentences = ClauseFixtures.Read("ru-diff-v1.txt").Split('\n')
            .Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => l[(l.IndexOf(' ') + 1)..]).ToList();
        var before = new StringBuilder();
        var after = new StringBuilder();
        for (var s = 1; s <= 100; s++)
        {
            before.Append($"## {s}. Раздел номер {s}\n");
            after.Append($"## {s}. Раздел номер {s}\n");
            for (var c = 1; c <= 8; c++)
            {
                var text = $"{s}.{c}. {sentences[(s + c) % sentences.Count]} Положение {s}-{c} действует в редакции раздела {s} и применяется ко всем клиентам, пользователям сайта и мобильного приложения Компании без исключения.";
                before.Append(text).Append('\n');
                if (s == 40 && c == 2) continue;
                after.Append(s == 12 && c == 3 ? text.Replace("без исключения", "за исключением корпоративных клиентов", StringComparison.Ordinal) : text).Append('\n');
            }
            if (s == 77) after.Append("77.9. Компания вправе передавать данные партнёрам.\n");
        }
        return (before.ToString(), after.ToString());
    }
}
