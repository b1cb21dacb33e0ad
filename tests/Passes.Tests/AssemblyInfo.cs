namespace Passes.Tests;
