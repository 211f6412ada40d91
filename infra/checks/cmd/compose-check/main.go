// compose-check loads a compose file exactly as `docker compose` does (compose-go: the
// Compose Specification's JSON schema, interpolation from .env, merging, normalisation)
// and fails on anything the real tool would refuse. With -json it prints the resolved
// project, which the parity tests compare with the native stack.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/sirupsen/logrus"
)

// warnings collects what compose would only warn about (an unset variable, say): here
// each one fails the check, since it would silently become an empty string for users.
type warnings struct{ seen []string }

func (w *warnings) Levels() []logrus.Level { return []logrus.Level{logrus.WarnLevel} }
func (w *warnings) Fire(entry *logrus.Entry) error {
	w.seen = append(w.seen, entry.Message)
	return nil
}

func main() {
	file := flag.String("file", "docker-compose.yml", "compose file to check")
	asJSON := flag.Bool("json", false, "print the resolved project as JSON")
	profiles := flag.String("profiles", "*", "profiles to enable, comma-separated; * for all, empty for the default services only")
	flag.Parse()

	collected := &warnings{}
	logrus.AddHook(collected)
	logrus.SetOutput(os.Stderr)

	dir, err := filepath.Abs(filepath.Dir(*file))
	if err != nil {
		fail(err)
	}
	// Only the repo's .env feeds interpolation, never this machine's environment,
	// so the check means the same on every machine.
	options, err := cli.NewProjectOptions(
		[]string{*file},
		cli.WithWorkingDirectory(dir),
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithProfiles(splitProfiles(*profiles)),
		cli.WithResolvedPaths(false),
	)
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	if len(collected.seen) > 0 {
		for _, message := range collected.seen {
			fmt.Fprintln(os.Stderr, "compose-check: warning treated as error:", message)
		}
		os.Exit(1)
	}
	if *asJSON {
		out, err := project.MarshalJSON()
		if err != nil {
			fail(err)
		}
		fmt.Println(string(out))
		return
	}
	fmt.Printf("%s: valid (%d services, %d volumes)\n", *file, len(project.Services), len(project.Volumes))
}

func splitProfiles(list string) []string {
	var profiles []string
	for _, profile := range strings.Split(list, ",") {
		if profile = strings.TrimSpace(profile); profile != "" {
			profiles = append(profiles, profile)
		}
	}
	return profiles
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compose-check:", err)
	os.Exit(1)
}
