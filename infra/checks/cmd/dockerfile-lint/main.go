// dockerfile-lint runs BuildKit's own Dockerfile checks, the rules behind
// `docker build --check`, without a Docker engine: it parses the Dockerfile as BuildKit
// does and fails on a parse error or any rule that fires. Base images are never looked up.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	digest "github.com/opencontainers/go-digest"
)

// offlineImages answers every base-image lookup with an empty image config, so linting
// never reaches for a registry: the rules check the Dockerfile, not the images.
type offlineImages struct{}

func (offlineImages) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte("{}"), nil
}

func main() {
	file := flag.String("file", "Dockerfile", "Dockerfile to lint")
	flag.Parse()

	content, err := os.ReadFile(*file)
	if err != nil {
		fail(err)
	}
	sourceMap := llb.NewSourceMap(nil, *file, "Dockerfile", content)
	sourceMap.Definition = &llb.Definition{}
	results, err := dockerfile2llb.DockerfileLint(context.Background(), content, dockerfile2llb.ConvertOpt{SourceMap: sourceMap, MetaResolver: offlineImages{}})
	if err != nil {
		fail(err)
	}
	for _, warning := range results.Warnings {
		line := 0
		if len(warning.Location.Ranges) > 0 {
			line = int(warning.Location.Ranges[0].Start.Line)
		}
		fmt.Fprintf(os.Stderr, "%s:%d: %s: %s (%s)\n", *file, line, warning.RuleName, warning.Detail, warning.URL)
	}
	if len(results.Warnings) > 0 {
		os.Exit(1)
	}
	fmt.Printf("%s: no lint findings\n", *file)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "dockerfile-lint:", err)
	os.Exit(1)
}
