/**
 * Word classes the entity rules use beside the reference tables: words that say "a person acts
 * here" (reporting verbs), words that end the name of a body (`Ministry`, `Party`, `Bank`), the
 * lower-case particles inside names, and the capitalised words that are never names (sentence
 * openers, months, cable vocabulary). All-caps telegrams have no case to tell names from words,
 * so they also need the common English words of cable prose.
 */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** After a person: `Biato said`, `Fungairino (strictly protect) dismissed`. Lower case. */
export const REPORTING_VERBS = words(`
said says told tells noted notes stated states added adds explained explains stressed stresses
emphasized emphasised underscored claimed claims argued argues asserted asserts opined opines
confirmed confirms believed believes thinks thought dismissed dismisses shared shares reported
reports described describes commented comments complained complains warned warns insisted
insists observed observes remarked remarks suggested suggests agreed agrees acknowledged
acknowledges admitted admits recalled recalls related relates confided confides expressed
expresses lamented laments predicted predicts worried worries indicated indicates asked asks
replied replies responded responds announced announces expected expects hoped hopes
characterized characterised assessed assesses estimated estimates pointed mentioned mentions
urged urges denied denies criticized criticised welcomed welcomes praised praises met meets
discussed discusses called calls wrote writes briefed briefs conveyed conveys passed explained
continued continues concluded concluded decried deplored speculated added informed informs
highlighted highlights maintained maintains contended contends accused accuses declared declares
promised promises offered offers requested requests underlined underlines
`);

/** Heads of body names: `National Oil Corporation`, `Ministry of Interior`, `Human Rights Watch`. */
export const ORG_HEADS = words(`
Ministry Ministries Party Bank Corporation Corp. Company Co. Inc. Ltd. Group Foundation Institute
Council Commission Committee Agency Authority Association Union Federation Front Movement
Army Police Court Tribunal Airlines Airways Parliament Assembly Congress Senate Cabinet Office
Directorate Department Bureau Service Services University College Academy Center Centre Church
Fund Forum Organization Organisation Alliance Coalition League Network Society Trust Board
Chamber Consortium Holding Holdings Industries Petroleum Energy Telecom Communications Media
Television Radio Agency Guard Guards Brigade Brigades Forces Force Navy Command Secretariat
Presidency Procuracy Bloc Caucus Syndicate Cartel Unit
Secretariat Tribune Times Post Journal News Gazette Herald Review Observer Monitor
Lines Airline Railways Railway Motors Mining Insurance Securities Investments Partners
`);

/** Lower-case words written inside names (`Pieter de Gooijer`, `Saif al-Islam`, `Ahmad bin Ali`). */
export const NAME_PARTICLES = words(`
al el ad as ash at az ar an bin ibn bint abu abou bou ben da de del della dei der den di do dos
das du la le les lo van von ter ten y e zu ul ur ud
`);

/** Capitalised words that are never a person's name, whatever follows. Folded (lower case). */
export const NOT_NAME = words(`
the a an in on at of for to from by with and or but if as so this that these those there then
he she they we it his her their our its i you who what when where why how which while after
before during since until also however although though because despite meanwhile separately
according both all some many most several other others another each every any no not one two
three four five six seven eight nine ten first second third last next new former current
january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
summary comment note end begin subject ref refs reftel septel tags classified reason reasons
action request requested background introduction conclusion overview details update para
paragraph section part annex appendix text quote unquote points item items source sources
embassy consulate post mission department government ministry minister ministers president
ambassador official officials officer officers staff delegation delegations leader leaders
members member party parties state states national international foreign domestic federal
regional provincial local central general public private security defense defence economic
political military social human rights affairs relations cooperation development committee
commission council agency office bureau director directors chairman chief head deputy vice
senior junior acting special assistant secretary spokesman adviser advisor counselor
counsellor consul charge poloff econoff polcouns econcouns emboffs emboff conoff dcm cda usg
poloffs econoffs conoffs congenoffs missoffs msnoffs polmiloffs amembassy amconsul amcongen
secstate usmission usdel
gol goi gob gom gos goa gog got goc gop gou gok gon rtg hmg sarg royg gotl
god allah islam islamic muslim muslims christian christians catholic jewish shia shiite shiites
sunni sunnis arab arabs kurd kurds kurdish western eastern northern southern north south east
west central middle upper lower greater day year week month today yesterday tomorrow
ok okay yes mrs mr ms dr sir madam please thanks thank regards sincerely
operation plan program programme initiative project strategy policy law act bill decree treaty
agreement accord convention protocol resolution declaration statement report conference summit
meeting talks visit election elections campaign referendum vote budget constitution article
round phase stage
arabic persian farsi dari pashto pashtu urdu hindi swahili amharic tigrinya mandarin cantonese
tagalog bahasa hebrew yiddish creole quechua aymara guarani berber berbers tamazight sinhala
sinhalese bengali punjabi gujarati marathi telugu kannada malayalam nepali khmer burmese tibetan
uighur uighurs uyghur uyghurs latin persians gujaratis punjabis bengalis tibetans nepalis
hindu hindus sikh sikhs buddhist buddhists druze alawite alawites maronite maronites copt copts
coptic yazidi yazidis ismaili ismailis islamists islamist jews pashtun pashtuns catholics alevis
tamils christianity orthodox peronists ossetians kalenjin houthi houthis maoist maoists
hindutva sharia ashura ashuras diaspora holocaust shiism zaydis alevi alevism islamism peronist
peronism deobandi syriac
street road avenue square airport hotel palace hall building tower bridge port station
island islands river lake sea ocean gulf bay coast valley mountain mountains desert province
district region city town village county prefecture governorate oblast
christmas easter ramadan eid new year holiday
internet web website email e-mail fax phone telephone media press radio television
minimize sipdis noforn nodis exdis limdis sensitive unclassified confidential secret
finance interior justice economy trade energy health education agriculture labor labour
transport transportation industry commerce tourism environment culture information
communications telecommunications planning housing water mines mining oil petroleum youth
sports women family welfare religious endowments awqaf immigration integration treasury
intelligence administration investment privatization reform reconstruction infrastructure
works science technology research fisheries forestry land lands resources natural emergency
emergencies veterans customs tax taxes revenue armed forces navy air legal consular protocol
press america americas multilateral bilateral disarmament nonproliferation non-proliferation
counterterrorism terrorism narcotics drugs refugees migration democracy governance
parliamentary division unit directorate desk headquarters secretariat policy cabinet
supreme constitutional high court courts prosecutor judicial legislative executive senate
house chamber assembly congress parliament council
strictly protect please whether unless yet nor thus hence still instead rather indeed perhaps
moreover furthermore nevertheless nonetheless otherwise therefore accordingly consequently
similarly likewise finally additionally specifically notably overall ultimately clearly
reportedly apparently given without among per via upon under over between through against
toward towards within despite following including regarding concerning such only even just
what's let's here's there's we're they're i'm don't can't won't isn't doesn't didn't
eleven twelve twenty thirty forty fifty hundred thousand million billion sixteen fifteen
fourteen thirteen seventeen eighteen nineteen dozen half
`);

/** Reporting-verb subjects that are not persons though capitalised (`The Ministry said`). */
export const PRONOUN_LIKE = words(`he she they we it i who this that`);

/**
 * Common English words of cable prose in capitals, for all-caps telegrams, where a name cannot
 * be told by its capital letter: a capitalised-looking token in such text is a name candidate
 * only when it is none of these (and no title, place or body). Lower case.
 */
export const COMMON_WORDS = words(`
said says saying told tells noted stated added asked believes believed thought think thinks felt feel
would could should will shall may might must can cannot can't won't did does do done doing have
has had having be been being is are was were am get got getting make made making take took
taken give gave given go went gone come came see saw seen know knew known want wanted need
needed seems seemed appear appeared remain remained become became keep kept hold held meet met
call called say tell ask used use using way well very much more most less least only just even
still again also too now then here there soon later early late already yet ever never always
often perhaps probably possibly clearly certainly rpt not no nor yes both either neither each
every any some such same other others own than that this these those what which who whom whose
whether if unless because since while although though however therefore thus hence about above
across after against along among around before behind below beneath beside besides between
beyond during except inside into near off onto outside over past per round through throughout
toward towards under until upon via within without the a an and or but for of to in on at by
with from as he she it they we you i me him her them us our your his its their my mine ours
himself herself itself themselves ourselves one two three four five six seven eight nine ten
eleven twelve twenty hundred thousand million billion first second third fourth last next new
old good bad high low great small large big long short full whole major minor main chief key
top recent current former further other several many few all part parts point points time
times day days week weeks month months year years today tomorrow yesterday morning evening
night date matter matters issue issues question questions problem problems situation case
cases fact facts view views position positions interest interests concern concerns effort
efforts result results reason reasons need needs role support request requests response
reply report reports information comment comments summary text message cable telegram reftel
septel ref para paras paragraph note end begin action department embassy mission post
government govt minister ministry president premier king shah prince queen general gen
ambassador amb charge dcm chief head deputy director officials official officer staff people
country countries nation nations state states area areas region city town capital border
borders party parties group groups army forces force troops police military security defense
defence war peace talks meeting meetings visit visits trip conference agreement treaty
relations policy policies program programs plan plans aid assistance loan loans trade oil gas
economic economy political politics foreign domestic internal external national international
public private press media students student university school law court courts justice
election elections vote votes campaign leader leaders member members opposition regime
prime vice secretary under assistant special envoy delegation committee council commission
board assembly parliament congress senate house office bureau agency
`);

/** Nouns for a person left unnamed: the marker protects them, not the names around. */
export const UNNAMED_PERSON = new Set(
  `officer officers official officials contact contacts source sources lawyer attorney journalist
  journalists diplomat diplomats businessman businessmen businesswoman analyst analysts consultant
  employee employees staffer staffers colleague colleagues representative representatives advisor
  adviser member members activist activists watcher student students nun nuns priest insider
  insiders interlocutor interlocutors friend friends ambassador director manager executive
  assistant aide aides expert experts leader academic professor resident residents exporter
  manufacturer national nationals citizen amcit stringer reporter editor counterpart counterparts
  chief head secretary minister deputy banker bankers investor investors worker workers
  inspector judge prosecutor officer deputies clergyman cleric woman man person people president
  chairman spokesman owner founder partner`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Nouns naming a kind of body right before its name (`newspaper Le Phare`, `nightclub Basha`,
 * `the ruling party Jubilee`): the capitalised words after one name that body, not a person.
 */
export const BODY_KIND_NOUNS = words(`
newspaper newspapers daily weekly magazine tabloid journal broadcaster channel network
company firm bank airline carrier operator conglomerate subsidiary party movement organization
organisation group militia restaurant nightclub club cafe
`);

/**
 * Nouns naming a kind of thing that is neither a person nor a body (`the Adda'wa mosque` is
 * caught by the article; `mosque Adda'wa`, `operation Atalanta`, `missile Strela` by these).
 */
export const THING_KIND_NOUNS = words(`
mosque church temple shrine madrassa operation exercise ship vessel tanker frigate hotel village
camp prison missile missiles rocket rockets brand model tribe clan
`);

/**
 * Capitalised generics that open the name of a place or a body in the cables' languages, never a
 * person's (`Ciudad del Este`, `Cayo Largo`, `Bandar Abbas`, `Jebel Ali`, `Grupo Riu`, `Banco
 * Pactual`): Spanish, Portuguese, Arabic and English words for town, key, lake, port, river, hill,
 * valley, beach, bay, mountain, gate, well, group, bank, university, square, avenue and saint.
 */
export const NAME_KIND_OPENERS = words(`
ciudad cayo lago laguna bandar barrios puerto porto rio villa fort isla ilha valle playa praia
bahia cerro jebel jabal wadi kafr bab bir lac grupo banco universidad universidade university
plaza praca avenida calle colonia san santa sao
`);

/** Verbs after a name that say no noun follows it (`the ECC Commissioners are`). */
export const AUXILIARIES = words(`is are was were will would have`);

/** Words before a capitalised word that make it a thing's name, not a person's (`the Barkhan`). */
export const DETERMINERS = words(`the a an this these those its our their`);

/**
 * Lower-case words the rules read: the tokenizer keeps these as words and folds every other run
 * of lower-case words into one gap, which is most of the text (a cable's words are mostly lower
 * case, and making a word object for each cost more than the rest of extraction).
 */
export const KEPT_LOWER: ReadonlySet<string> = new Set([
  ...REPORTING_VERBS,
  ...NAME_PARTICLES,
  ...UNNAMED_PERSON,
  ...BODY_KIND_NOUNS,
  ...THING_KIND_NOUNS,
  ...DETERMINERS,
  // Heads in lower case: `civil aviation authority (INAC)` defines a body's acronym.
  ...[...ORG_HEADS].map((h) => h.toLowerCase()),
  ...words(`of for and the to on in a an according also has had then later further again
  reportedly privately separately subsequently former acting our his her their one another this
  that d' y`),
]);

/**
 * Verbs that open the paragraphs of a UN resolution (`Requests UNOCI…`, `Urges Member States…`):
 * the text of resolutions is quoted in cables, and its capitalised verbs run into names.
 */
export const RESOLUTION_VERBS = words(`
requests urges decides welcomes calls encourages emphasizes emphasises stresses notes recalls
reaffirms expresses condemns demands invites authorizes authorises underlines recognizes
recognises affirms acknowledges commends endorses appeals approves deplores reiterates
`);
