#!/bin/bash
# Measures javac time for 100 pipeline classes with and without Rill's processor
# (dev.rill.processor.CompileCost, a plain main in src/test that surefire does not run).
# Run from anywhere: processor/compile-cost.sh [warm-ups] [runs]   (defaults 3 and 5; about 2 minutes on 2 busy cores)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl processor -am test-compile
javapoet_version=$(sed -n 's:.*<javapoet.version>\(.*\)</javapoet.version>.*:\1:p' pom.xml)
javapoet="${MAVEN_REPO:-$HOME/.m2/repository}/com/palantir/javapoet/javapoet/$javapoet_version/javapoet-$javapoet_version.jar"
cp="processor/target/test-classes:processor/target/classes:annotations/target/classes:runtime-core/target/classes:$javapoet"
exec java -cp "$cp" dev.rill.processor.CompileCost "$@"
