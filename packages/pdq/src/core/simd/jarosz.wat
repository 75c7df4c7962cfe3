;; PDQ's hot loops in WebAssembly SIMD: luma, and the Jarosz box filter passes of downsample.ts.
;;
;; Every value is IEEE float32 and every operation is the reference's, in the reference's order
;; (f32x4 lanes are four independent copies of the scalar computation), so the results are
;; bit-identical to downsample.ts and to the C++ reference. Divisions are true float32 divisions.
;;
;; Layouts (byte addresses chosen by simd-downsampler.ts):
;;   "interleaved" block of 4 rows: float at (column * 4 + row), 16 bytes per column;
;;   "row": floats at (column), padded to a multiple of 4 columns.
;;
;; Assembled into jarosz-wasm.ts by `npm run build:wasm -w packages/pdq` (scripts/build-wasm.ts).
(module
  (memory (export "memory") 1)

  ;; Luma of `rows` (1 to 4) rows of 8-bit pixels into an interleaved block.
  ;; channels 3 or 4: Y = (R*0.299f + G*0.587f) + B*0.114f; channels 1: Y = sample.
  (func (export "luma4")
    (param $src i32) (param $stride i32) (param $channels i32) (param $n i32)
    (param $dst i32) (param $rows i32)
    (local $r i32) (local $p i32) (local $q i32) (local $end i32)
    (local.set $r (i32.const 0))
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $stride))))
        (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))))
        (local.set $end (i32.add (local.get $q) (i32.shl (local.get $n) (i32.const 4))))
        (if (i32.eq (local.get $channels) (i32.const 1))
          (then
            (block $greyDone
              (loop $grey
                (br_if $greyDone (i32.ge_u (local.get $q) (local.get $end)))
                (f32.store (local.get $q) (f32.convert_i32_u (i32.load8_u (local.get $p))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $grey))))
          (else
            (block $rgbDone
              (loop $rgb
                (br_if $rgbDone (i32.ge_u (local.get $q) (local.get $end)))
                (f32.store (local.get $q)
                  (f32.add
                    (f32.add
                      (f32.mul (f32.const 0.299) (f32.convert_i32_u (i32.load8_u (local.get $p))))
                      (f32.mul (f32.const 0.587) (f32.convert_i32_u (i32.load8_u offset=1 (local.get $p)))))
                    (f32.mul (f32.const 0.114) (f32.convert_i32_u (i32.load8_u offset=2 (local.get $p))))))
                (local.set $p (i32.add (local.get $p) (local.get $channels)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $rgb)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow))))

  ;; Stores the 4 lanes of v (one per row) at column $o of four rows.
  (func $storeLanes (param $v v128) (param $o i32)
    (param $o0 i32) (param $o1 i32) (param $o2 i32) (param $o3 i32)
    (local $byte i32)
    (local.set $byte (i32.shl (local.get $o) (i32.const 2)))
    (f32.store (i32.add (local.get $o0) (local.get $byte)) (f32x4.extract_lane 0 (local.get $v)))
    (f32.store (i32.add (local.get $o1) (local.get $byte)) (f32x4.extract_lane 1 (local.get $v)))
    (f32.store (i32.add (local.get $o2) (local.get $byte)) (f32x4.extract_lane 2 (local.get $v)))
    (f32.store (i32.add (local.get $o3) (local.get $byte)) (f32x4.extract_lane 3 (local.get $v))))

  ;; Box filter along 4 rows at once (interleaved input of $n columns), every output, written
  ;; as rows at $o0..$o3. The four phases of the reference's box1DFloat.
  (func (export "boxRows4")
    (param $in i32) (param $n i32) (param $window i32)
    (param $o0 i32) (param $o1 i32) (param $o2 i32) (param $o3 i32)
    (local $half i32) (local $sum v128) (local $ri i32) (local $li i32) (local $o i32)
    (local $count i32) (local $end i32) (local $full v128)
    (local.set $half (i32.shr_u (i32.add (local.get $window) (i32.const 2)) (i32.const 1)))
    (local.set $sum (v128.const f32x4 0 0 0 0))
    ;; phase 1: half - 1 inputs, no output
    (local.set $end (i32.add (local.get $in)
      (i32.shl (i32.sub (local.get $half) (i32.const 1)) (i32.const 4))))
    (local.set $ri (local.get $in))
    (block $p1done (loop $p1
      (br_if $p1done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $ri))))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (br $p1)))
    ;; phase 2: counts half..window
    (local.set $count (local.get $half))
    (local.set $o (i32.const 0))
    (block $p2done (loop $p2
      (br_if $p2done (i32.gt_s (local.get $count) (local.get $window)))
      (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $ri))))
      (call $storeLanes
        (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_s (local.get $count))))
        (local.get $o) (local.get $o0) (local.get $o1) (local.get $o2) (local.get $o3))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p2)))
    ;; phase 3: add the next input, then subtract the one leaving
    (local.set $full (f32x4.splat (f32.convert_i32_s (local.get $window))))
    (local.set $end (i32.add (local.get $in) (i32.shl (local.get $n) (i32.const 4))))
    (local.set $li (local.get $in))
    (block $p3done (loop $p3
      (br_if $p3done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sum (f32x4.sub
        (f32x4.add (local.get $sum) (v128.load (local.get $ri)))
        (v128.load (local.get $li))))
      (call $storeLanes (f32x4.div (local.get $sum) (local.get $full))
        (local.get $o) (local.get $o0) (local.get $o1) (local.get $o2) (local.get $o3))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p3)))
    ;; phase 4: subtract the leaving inputs, counts window-1 down to window-half+1
    (local.set $count (i32.sub (local.get $window) (i32.const 1)))
    (block $p4done (loop $p4
      (br_if $p4done (i32.le_s (local.get $count) (i32.sub (local.get $window) (local.get $half))))
      (local.set $sum (f32x4.sub (local.get $sum) (v128.load (local.get $li))))
      (call $storeLanes
        (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_s (local.get $count))))
        (local.get $o) (local.get $o0) (local.get $o1) (local.get $o2) (local.get $o3))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p4))))

  ;; Stores a vector of 4 consecutive columns of one row into an interleaved block, lane $lane.
  (func $storeInterleaved (param $v v128) (param $at i32)
    (f32.store (local.get $at) (f32x4.extract_lane 0 (local.get $v)))
    (f32.store offset=16 (local.get $at) (f32x4.extract_lane 1 (local.get $v)))
    (f32.store offset=32 (local.get $at) (f32x4.extract_lane 2 (local.get $v)))
    (f32.store offset=48 (local.get $at) (f32x4.extract_lane 3 (local.get $v))))

  ;; Column running sums over whole rows ($vectors of 4 columns). $mode: 0 = add the entering
  ;; row, no output; 1 = add it and output; 2 = add it, subtract the leaving row (in that order)
  ;; and output; 3 = subtract the leaving row and output. The output, sums / count, goes to row
  ;; $lane of the interleaved block at $out.
  (func (export "boxColumns")
    (param $sums i32) (param $enter i32) (param $leave i32) (param $out i32) (param $lane i32)
    (param $vectors i32) (param $count i32) (param $mode i32)
    (local $end i32) (local $v v128) (local $divisor v128) (local $at i32)
    (local.set $divisor (f32x4.splat (f32.convert_i32_s (local.get $count))))
    (local.set $end (i32.add (local.get $sums) (i32.shl (local.get $vectors) (i32.const 4))))
    (local.set $at (i32.add (local.get $out) (i32.shl (local.get $lane) (i32.const 2))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $sums) (local.get $end)))
      (local.set $v (v128.load (local.get $sums)))
      (if (i32.ne (local.get $mode) (i32.const 3))
        (then
          (local.set $v (f32x4.add (local.get $v) (v128.load (local.get $enter))))
          (local.set $enter (i32.add (local.get $enter) (i32.const 16)))))
      (if (i32.ge_u (local.get $mode) (i32.const 2))
        (then
          (local.set $v (f32x4.sub (local.get $v) (v128.load (local.get $leave))))
          (local.set $leave (i32.add (local.get $leave) (i32.const 16)))))
      (v128.store (local.get $sums) (local.get $v))
      (if (local.get $mode)
        (then
          (call $storeInterleaved (f32x4.div (local.get $v) (local.get $divisor)) (local.get $at))))
      (local.set $sums (i32.add (local.get $sums) (i32.const 16)))
      (local.set $at (i32.add (local.get $at) (i32.const 64)))
      (br $each))))

  ;; Box filter along 4 rows at once (interleaved input), keeping only the outputs at the 64
  ;; ascending (possibly repeated) column indices of $samples (64 i32), as 64 interleaved
  ;; vectors at $out. The running sums still visit every input in the reference's order.
  (func (export "boxRows4Sampled")
    (param $in i32) (param $n i32) (param $window i32) (param $samples i32) (param $out i32)
    (local $half i32) (local $sum v128) (local $ri i32) (local $li i32) (local $o i32)
    (local $count i32) (local $end i32) (local $s i32) (local $next i32) (local $full v128)
    (local.set $half (i32.shr_u (i32.add (local.get $window) (i32.const 2)) (i32.const 1)))
    (local.set $sum (v128.const f32x4 0 0 0 0))
    (local.set $s (i32.const 0))
    (local.set $next (i32.load (local.get $samples)))
    (local.set $end (i32.add (local.get $in)
      (i32.shl (i32.sub (local.get $half) (i32.const 1)) (i32.const 4))))
    (local.set $ri (local.get $in))
    (block $p1done (loop $p1
      (br_if $p1done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $ri))))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (br $p1)))
    (local.set $count (local.get $half))
    (local.set $o (i32.const 0))
    (block $p2done (loop $p2
      (br_if $p2done (i32.gt_s (local.get $count) (local.get $window)))
      (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $ri))))
      (block $emitted (loop $emit
        (br_if $emitted (i32.ne (local.get $o) (local.get $next)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_s (local.get $count)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $next (if (result i32) (i32.lt_u (local.get $s) (i32.const 64))
          (then (i32.load (i32.add (local.get $samples) (i32.shl (local.get $s) (i32.const 2)))))
          (else (i32.const -1))))
        (br $emit)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p2)))
    (local.set $full (f32x4.splat (f32.convert_i32_s (local.get $window))))
    (local.set $end (i32.add (local.get $in) (i32.shl (local.get $n) (i32.const 4))))
    (local.set $li (local.get $in))
    (block $p3done (loop $p3
      (br_if $p3done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sum (f32x4.sub
        (f32x4.add (local.get $sum) (v128.load (local.get $ri)))
        (v128.load (local.get $li))))
      (block $emitted3 (loop $emit3
        (br_if $emitted3 (i32.ne (local.get $o) (local.get $next)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sum) (local.get $full)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $next (if (result i32) (i32.lt_u (local.get $s) (i32.const 64))
          (then (i32.load (i32.add (local.get $samples) (i32.shl (local.get $s) (i32.const 2)))))
          (else (i32.const -1))))
        (br $emit3)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p3)))
    (local.set $count (i32.sub (local.get $window) (i32.const 1)))
    (block $p4done (loop $p4
      (br_if $p4done (i32.le_s (local.get $count) (i32.sub (local.get $window) (local.get $half))))
      (local.set $sum (f32x4.sub (local.get $sum) (v128.load (local.get $li))))
      (block $emitted4 (loop $emit4
        (br_if $emitted4 (i32.ne (local.get $o) (local.get $next)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_s (local.get $count)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $next (if (result i32) (i32.lt_u (local.get $s) (i32.const 64))
          (then (i32.load (i32.add (local.get $samples) (i32.shl (local.get $s) (i32.const 2)))))
          (else (i32.const -1))))
        (br $emit4)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p4))))
)
