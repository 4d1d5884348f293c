/**
 * A stop-list for `rules lint`: an alias that is also a common English word ("Market", "Places",
 * "Stack") would match ordinary prose, so lint requires it to be listed in `match.context_only`.
 *
 * Curated for this project (1366 words): the ~1,000 most frequent English words (general
 * frequency lists), plus plurals and README vocabulary that dataset names tend to collide with
 * (faces, images, cars, pile, crawl, duke…). Written by hand rather than taken from a package so the
 * CLI ships no extra dependency; extend it when a false positive shows up.
 */
const WORDS = `
  a able about above academic accept access according account across act action active activity actually add
  added adding addition additional address after again against age agency ago agree ahead aid aim air aligned
  all allow allowed almost alone along already also although always am among amount an analysis and animal
  animals anime another answer answers any anyone anything appear application apply approach are area argue
  arm around arrive art article articles artificial artist arts as ask assume at attack attention audience
  audio author authority authors autumn available avoid away baby back bad bag balanced ball bank banks bar
  base based basic basis bathroom be beach bear bears beat beautiful because become bed bedroom before begin
  behavior behind being believe below benchmark best better between beyond bicycle big bike bill billion
  biology bird birds bit black blood blue board boat bodies body book books born both bottom box boy break
  bridge bright bring brother brown budget build building bus business but buy buyer by call camera cameras
  campaign can cancer candidate capital caption captions car card care career carry cars cartoon cartoons case
  cat catch cats cause celebrities celebrity cell center central century certain certainly chair challenge
  chance change character characters charge chart charts chat check checkpoint checkpoints chemistry child
  choice choose church cities citizen city civil claim class classification clean cleaned clear clearly
  clinical close closed clothing cloud clouds coach code codes cold collection college color colors colour
  colours come comment comments commercial common commons community companies company compare complex computer
  concern condition conference consider consumer contain continue control conversation conversations cool
  corpora corpus cost could countries country couple course court cover cow crawl create crime cropped cub
  cubs cultural culture cup current customer customers cut dark data dataset datasets daughter day days dead
  deal death debate decade decide decision deep default defense degree democrat depth describe desert design
  despite detail detection determine develop development dialog dialogue die difference different difficult
  digit digital digits dinner direction director discover discuss discussion disease do doctor doctors
  documents dog dogs door double down dr draw drawing drawings dream drive driver drivers driving drop drug
  dry duke during each early east easy eat economic economy edge education educational effect effort eight
  either election else email emails employee end energy enjoy enough enter entire environment environmental
  especially establish eval evaluation even evening event ever every everybody everyone everything evidence
  exactly example examples executive exist expect experience expert explain extended extra eye eyes face faces
  fact factor factories factory fail fake fall false family far farm farms fashion fast father fear federal
  feel feeling few field fight figure file files fill film films filtered final finally financial find fine
  finetune finetuned finger finish fire firm first fish five floor flowers fly focus folder folders follow
  food foods foot for force foreign forest forget form former forward four free friend from front full fund
  future game games garden gas general generation get giant girl give glass global go goal golden good
  government graph graphs gray great green grey ground group groups grow growth guess gun guy hair half hand
  hands hang happen happy hard have he head heads health hear heart heat heavy help her here herself high him
  himself his history hit hold home hope horse hospital hospitals hot hotel hotels hour hours house houses how
  however huge human humans hundred husband i idea identify if image images imagine impact important
  impossible improve in include including increase indeed indicate individual indoor industry information
  inside instead institution instruction instructions interest interesting international interview into
  investment involve issue it item its itself job join just keep key kid kill kind king kitchen know knowledge
  lady lake land language languages large last late later laugh law lawyer lay layer layers lead leader learn
  learning least leave left leg legal less let letter letters level lie life light like likely line lines link
  links list listen lists lite little live living local long look lord lose loss lot love low machine madam
  magazine main maintain major majority make man manage management manager many map maps market markets
  marriage material math matter may maybe me mean measure media medical medium meet meeting member members
  memory mention message messages method micro middle might military million mind mini minor minute minutes
  miss mission mister mobile model models modern moment moments money month months moon more morning most
  mother motorcycle mountain mountains mouth move movement movie movies mr mrs ms much music must my myself
  name nano nation national natural nature near nearly necessary need neither network networks neural never
  new news newspaper next nice night no noise none nor north not note nothing notice now number numbers object
  objects occur ocean of off offer office officer offices official offline often oh oil ok old on once one
  online only onto open operation opportunity option or orange order organization original other others our
  out outdoor outside over own owner owners page pages paid pain painting paintings pairs paper papers parent
  part participant particular particularly partner party pass past patient patients pattern pay peace people
  per perform performance perhaps period person personal persons pets phone phones photo photos physical
  physics pick pico picture pictures piece pile pink place places plan plane plant plants play player players
  plus pm point points police policy political politics poor popular population pose position positive
  possible post posts power practice prepare present president pressure pretrain pretrained pretraining pretty
  prevent previous price prince princess private pro probably problem process processed produce product
  production professional professor program project property protect prove provide public pull purple purpose
  push put quality quarter queen question questions quickly quite race radio rain raise range rare rate rather
  raw reach read ready real reality realize really reason receive recent recently recognition recognize record
  red reduce refined reflect region relate relationship religious remain remember remove report represent
  republican require research resource respond response responsibility rest restaurant restaurants result
  retrieval return reveal reviews rich right rise risk river road roads rock role room rooms rule run sad safe
  same sample samples save say scene scenes school schools science scientific scientist score sea season seat
  second seconds section secure security see seek seem segmentation sell seller sellers send senior sense
  sentences series serious serve service set seven several sex sexual shake shape shapes share she sheep shoes
  shoot shop shops short shot should shoulder show shows side sign significant signs silver similar simple
  simply since sing single sir sister sit site sites situation six size sketch sketches skill skin sky slow
  small smile snow so social society soft soldier some somebody someone something sometimes son song songs
  soon sort sound sounds source south southern space speak special specific speech spend split splits sport
  sports spring stack staff stage stand standard star stars start state statement station stay step still
  stock stop store stores stories story strategy street streets strong structure student students study stuff
  style styles subject subset success successful such suddenly suffer suggest summarization summary summer sun
  support sure surface symbol symbols synthetic system table tables take talk task tasks tax teach teacher
  teachers team teams technology television tell ten tend term test testing tests text texts than thank that
  the their them themselves then theory there these they thing things think third this those though thought
  thousand threat three through throughout throw thus time times tiny to today together tonight too top total
  tough toward towards tower town towns tracking trade traditional train training trains translation travel
  treat treatment tree trees trial trillion trip triple trouble truck true truth try tuning turn tv two type
  unbalanced under understand unit universities university unless unlikely until up upon us use user users
  usually val validation value various very victim video videos view violence vision visit visual voice voices
  vote wait walk wall want war warm watch water way we weak weapon wear weather web website websites week
  weeks weight weights well west western wet what whatever when where whether which while white who whole whom
  whose why wide wife wiki wild will win wind window winter wish with within without woman wonder word words
  work worker workers world worry worse worst would write writer wrong yard yeah year years yellow yes yet you
  young your yourself
`;

/** Lower-case common English words; compare against `normKey(alias)`. */
export const COMMON_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
