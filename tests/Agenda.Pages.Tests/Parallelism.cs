// Test classes run side by side, each with its own host and its own chromium (BrowserFixture), two at a time: on the
// 2-core machines this suite runs on, more browsers only wait for one another. The console's classes share one host
// and run one after another (ConsoleCollection).
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 2)]
