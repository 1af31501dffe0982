# baomi — top-level driver over CMake/ctest.
#   make        build (release, gcc)
#   make check  build release + ASan/UBSan (clang) trees and run every test in both, then
#               (on amd64) cross-build baomi for arm64 and run its unit tests and a server
#               smoke test under qemu-user (scripts/arm64.sh check, build-arm64)
#   make demo   build, create a demo data directory and start the server on 127.0.0.1
#   make format reformat the sources with clang-format
#   make deb    Debian packages baomi and baomi-check for this machine's architecture in dist/
#   make arm64  make check's arm64 step, then the whole arm64 tree and the arm64 .debs in dist/

BUILD      ?= build
ASAN_BUILD ?= build-asan
ARM64_BUILD ?= build-arm64
JOBS       ?= 2
PKGS       := libmicrohttpd jansson sqlite3 libsodium libcrypto cmocka xlsxwriter expat zlib libcurl \
              cairo pangocairo
DEMO_DATA  ?= demo-data
DEMO_LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build asan check demo format format-check clean bench deb arm64

all: build

deps:
	@if ! pkg-config --exists $(PKGS) || ! command -v cmake >/dev/null || \
	    ! command -v clang-14 >/dev/null || ! command -v chromium >/dev/null || \
	    ! command -v sqlite3 >/dev/null || ! command -v node >/dev/null || \
	    ! /usr/bin/python3 -c 'import yaml' 2>/dev/null || \
	    ! command -v rg >/dev/null || ! pkg-config --exists libdeflate libarchive libqrencode tesseract lept || \
	    ! command -v pdftoppm >/dev/null || ! command -v qemu-aarch64 >/dev/null || \
	    ! command -v faketime >/dev/null || ! command -v scdoc >/dev/null || \
	    ! command -v lintian >/dev/null || ! command -v systemd-analyze >/dev/null || \
	    ! command -v openssl >/dev/null || ! [ -d /usr/share/poppler/cMap ] || ! command -v zbarimg >/dev/null || \
	    ! ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 || \
	    ! sh scripts/setup-deps-arm64.sh --present; then \
		sh scripts/setup-deps.sh; \
	fi

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

asan: deps
	@CC=clang-14 cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DBAOMI_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

check: build asan format-check
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)
	JOBS=$(JOBS) sh scripts/arm64.sh check $(ARM64_BUILD)

demo: build
	$(BUILD)/src/cli/baomi demo --data $(DEMO_DATA) --listen $(DEMO_LISTEN)

deb: build
	sh scripts/mkdeb.sh $(BUILD) dist

arm64:
	JOBS=$(JOBS) sh scripts/arm64.sh deb $(ARM64_BUILD) dist

bench: build
	sh bench/run.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@out=$$(clang-format --dry-run $$(git ls-files '*.c' '*.h') 2>&1); \
	if [ -n "$$out" ]; then echo "$$out" | head -40; echo "format-check: run 'make format'"; exit 1; fi

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(ARM64_BUILD)
