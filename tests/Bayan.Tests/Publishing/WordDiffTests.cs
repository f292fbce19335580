using Bayan.Publishing;

namespace Bayan.Tests.Publishing;

public class WordDiffTests
{
    [Fact]
    public void Changed_words_are_marked_and_the_rest_kept_whole()
    {
        var runs = WordDiff.Compare("The road reopened on 3 March.", "The road reopened on 4 March.");

        Assert.Equal("The road reopened on 3 March.", string.Concat(runs.Where(r => r.Kind != DiffKind.Added).Select(r => r.Text)));
        Assert.Equal("The road reopened on 4 March.", string.Concat(runs.Where(r => r.Kind != DiffKind.Removed).Select(r => r.Text)));
        Assert.Equal("3", Assert.Single(runs, r => r.Kind == DiffKind.Removed).Text);
        Assert.Equal("4", Assert.Single(runs, r => r.Kind == DiffKind.Added).Text);
    }

    [Fact]
    public void Persian_words_with_zero_width_non_joiners_are_compared_whole()
    {
        var runs = WordDiff.Compare("خانواده‌ها به اردوگاه رسیدند", "خانواده‌ها به روستا رسیدند");

        Assert.Equal("اردوگاه", Assert.Single(runs, r => r.Kind == DiffKind.Removed).Text);
        Assert.Equal("روستا", Assert.Single(runs, r => r.Kind == DiffKind.Added).Text);
        Assert.StartsWith("خانواده‌ها ", runs[0].Text);
    }

    [Fact]
    public void Identical_texts_are_one_unchanged_run()
    {
        var runs = WordDiff.Compare("same text", "same text");

        Assert.Equal(DiffKind.Same, Assert.Single(runs).Kind);
    }
}
