using Bayan.Core.Taxonomy;

namespace Bayan.Tests.Core;

public class SeriesNumberTests
{
    [Fact]
    public void The_next_number_follows_the_highest_and_never_overflows()
    {
        Assert.Equal(1, SeriesLabel.NextNumber([]));
        Assert.Equal(8, SeriesLabel.NextNumber([1, 2, 7]));
        Assert.Equal(1, SeriesLabel.NextNumber([SeriesLabel.MaxNumber]));
        Assert.Equal(3, SeriesLabel.NextNumber([1, 2, int.MaxValue]));
    }
}
