// The runner tests start real load phases; run them one at a time so that a smoke run's processes and a
// CPU-bound step of another test do not starve each other's thread-pool threads on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
